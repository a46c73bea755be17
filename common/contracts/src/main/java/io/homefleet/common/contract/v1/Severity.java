package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Severity {
    @JsonProperty("info") INFO,
    @JsonProperty("warning") WARNING,
    @JsonProperty("error") ERROR;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses the wire name ({@code info|warning|error}); empty for anything else. */
    public static java.util.Optional<Severity> fromWire(String value) {
        for (Severity s : values()) {
            if (s.wireName().equals(value)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
