package io.homefleet.hub.customer;

import io.homefleet.service.problem.ProblemException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A look-back period as the API takes it: {@code 90m}, {@code 24h}, {@code 7d}. */
final class Period {
    private static final Pattern SHAPE = Pattern.compile("^(\\d{1,5})([mhd])$");

    private Period() {
    }

    static Duration parse(String text, Duration max) {
        Matcher m = SHAPE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw ProblemException.badRequest("period '" + text + "' is not a number followed by m, h or d "
                    + "(e.g. 90m, 24h, 7d)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() || d.compareTo(max) > 0) {
            throw ProblemException.badRequest("period '" + text + "' must be between 1m and " + max.toDays()
                    + "d (the retention)");
        }
        return d;
    }
}
