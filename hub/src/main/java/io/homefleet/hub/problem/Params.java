package io.homefleet.hub.problem;

import io.homefleet.service.problem.ProblemException;
import java.util.UUID;

/**
 * Parses path and query parameters that JAX-RS would otherwise reject with a bare 404 when they do not
 * convert (its rule for path and query parameters); a caller who typed a bad value deserves a 400 saying so.
 */
public final class Params {
    private Params() {
    }

    public static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.badRequest(name + " '" + value + "' is not a UUID");
        }
    }

    public static int intInRange(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '"
                + value + "'");
    }
}
