package io.homefleet.service.hubclient;

import java.util.Objects;

/**
 * What a call presents to the hub: a header and its secret value. Most hub endpoints take a bearer token; the
 * temperature-proxy poll takes its control token in {@code X-Proxy-Token}. Never printed.
 */
public record Credential(String header, String value) {
    public Credential {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(value, "value");
    }

    public static Credential bearer(String token) {
        return new Credential("Authorization", "Bearer " + token);
    }

    public static Credential proxyToken(String token) {
        return new Credential("X-Proxy-Token", token);
    }

    @Override
    public String toString() {
        return header + ": (hidden)";
    }
}
