package io.homefleet.hub.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times read on the pages: "4 min ago", "2 h ago", "3 d ago"; absolute times in UTC. */
public final class Ages {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Ages() {
    }

    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400 * 2) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }

    public static String utc(Instant at) {
        return at == null ? "" : UTC.format(at);
    }

    /** Bytes as "12.3 GiB". */
    public static String bytes(Long bytes) {
        if (bytes == null) {
            return "–";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Load averages as "0.42 / 0.35 / 0.30"; a value the report lacks is "–" (never "null"). */
    public static String load(Double load1, Double load5, Double load15) {
        return loadValue(load1) + " / " + loadValue(load5) + " / " + loadValue(load15);
    }

    private static String loadValue(Double v) {
        return v == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** An uptime as "3 d 4 h", "5 h 12 min" or "7 min"; "–" when unknown. */
    public static String uptime(Long seconds) {
        if (seconds == null || seconds < 0) {
            return "–";
        }
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        return d > 0 ? d + " d " + h + " h" : h > 0 ? h + " h " + m + " min" : m + " min";
    }

    public static String percent(Double p) {
        return p == null ? "–" : String.format(java.util.Locale.ROOT, "%.0f %%", p);
    }
}
