package io.homefleet.service.hubclient;

import io.homefleet.common.credential.TokenKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * A bearer token read from {@code file} at each call (so a rotated key needs no restart), checked to be of the
     * {@code expected} kind; a missing, unreadable or wrong file is a {@link HubException.Kind#NO_CREDENTIAL}.
     */
    public static Credential bearerFromFile(Path file, TokenKind expected) throws HubException {
        if (file == null) {
            throw new HubException(HubException.Kind.NO_CREDENTIAL, "no file configured for the "
                    + expected.displayName());
        }
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new HubException(HubException.Kind.NO_CREDENTIAL, "cannot read the " + expected.displayName()
                    + " from " + file + ": " + e.getMessage());
        }
        if (!token.startsWith(expected.prefix())) {
            throw new HubException(HubException.Kind.NO_CREDENTIAL, file + " does not hold a "
                    + expected.displayName() + " (" + expected.prefix() + "...)");
        }
        return bearer(token);
    }

    @Override
    public String toString() {
        return header + ": (hidden)";
    }
}
