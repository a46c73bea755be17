package io.homefleet.hub.dashboard;

import io.homefleet.hub.customer.HistoryPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A customer's report history drawn on the server as inline SVG: CPU, memory and disk percent over the chosen
 * period, one dot per report coloured by its health, no script and nothing fetched. Colours come from the page's CSS
 * (classes), so the chart follows light and dark mode.
 */
public final class HistoryChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    private static final int LEFT = 36;
    private static final int RIGHT = 8;
    private static final int TOP = 8;
    private static final int BOTTOM = 22;

    private HistoryChart() {
    }

    public static String svg(List<HistoryPoint> points, Instant since, Instant now, String label) {
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\">");
        b.append("<title>").append(escape(label)).append("</title>");
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = y(pct);
            b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>");
            b.append("<text class=\"axis\" x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(pct).append("%</text>");
        }
        b.append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 6).append("\">")
                .append(escape(Ages.utc(since))).append("</text>");
        b.append("<text class=\"axis\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 6)
                .append("\" text-anchor=\"end\">").append(escape(Ages.utc(now))).append("</text>");
        if (points.isEmpty()) {
            b.append("<text class=\"axis\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">no reports in this period</text>");
        } else {
            line(b, points, since, now, HistoryPoint::cpuPercent, "cpu");
            line(b, points, since, now, HistoryPoint::memoryPercent, "mem");
            line(b, points, since, now, HistoryPoint::diskPercent, "disk");
            for (HistoryPoint p : points) {
                b.append("<circle class=\"dot ").append(healthClass(p.health())).append("\" cx=\"")
                        .append(fmt(x(p.receivedAt(), since, now))).append("\" cy=\"").append(HEIGHT - BOTTOM + 4)
                        .append("\" r=\"2.5\"/>");
            }
        }
        b.append("</svg>");
        return b.toString();
    }

    private static void line(StringBuilder b, List<HistoryPoint> points, Instant since, Instant now,
                             Function<HistoryPoint, Double> value, String cls) {
        StringBuilder coords = new StringBuilder();
        for (HistoryPoint p : points) {
            Double v = value.apply(p);
            if (v != null) {
                coords.append(fmt(x(p.receivedAt(), since, now))).append(',').append(fmt(y(Math.min(100, v))))
                        .append(' ');
            }
        }
        if (!coords.isEmpty()) {
            b.append("<polyline class=\"series ").append(cls).append("\" points=\"").append(coords.toString().trim())
                    .append("\"/>");
        }
    }

    private static double x(Instant at, Instant since, Instant now) {
        double span = Math.max(1, Duration.between(since, now).toMillis());
        double f = Duration.between(since, at).toMillis() / span;
        return LEFT + Math.max(0, Math.min(1, f)) * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double pct) {
        return TOP + (100 - pct) / 100.0 * (HEIGHT - TOP - BOTTOM - 8);
    }

    private static String healthClass(String health) {
        return health == null ? "unknown" : health.toLowerCase(Locale.ROOT);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
