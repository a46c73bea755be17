package io.homefleet.provisioning.host;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a host is in its life: {@code registered → pxe_ready → ... → ready}, any → {@code failed}. */
public enum HostState {
    REGISTERED,
    PXE_READY,
    PXE_BOOTED,
    INSTALLING,
    INSTALLED,
    FIRST_BOOT,
    JOINING,
    READY,
    FAILED;

    /** The spelling in the API, the database and the docs: {@code pxe_ready}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HostState> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }
}
