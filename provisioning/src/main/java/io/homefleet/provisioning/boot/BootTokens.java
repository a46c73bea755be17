package io.homefleet.provisioning.boot;

import io.homefleet.common.credential.Tokens;
import io.homefleet.service.problem.ProblemException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-install secret handed to the installer with the answer: it authenticates the post-installation webhook,
 * the first-boot script download and the phone-home. Only its SHA-256 is stored; a new answer replaces it.
 */
public final class BootTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BootTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        return Tokens.sha256(token);
    }

    /** Throws a 401 problem unless {@code presented} is the host's current boot token. */
    public static void check(byte[] storedHash, String presented, String what) {
        if (presented == null || presented.isBlank()) {
            throw ProblemException.unauthorized(what + " needs this install's token");
        }
        if (storedHash == null || !Tokens.matches(presented.trim(), storedHash)) {
            throw ProblemException.unauthorized(what + ": the token is not this install's (a newer answer replaced it, "
                    + "or the host was rebuilt)");
        }
    }
}
