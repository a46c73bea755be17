package io.homefleet.sensorproxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way the seed's config spells them: {@code 5s}, {@code 250ms}, {@code 2m}, {@code 1h}, or plain seconds. */
public final class Durations {
    private static final Pattern SHAPE = Pattern.compile("^(\\d+)(ms|s|m|h)?$");

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim();
        if (t.startsWith("PT") || t.startsWith("pt")) {
            return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
        }
        Matcher m = SHAPE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 5s, 2m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Jackson hook so YAML values and environment strings share one syntax. */
    static final class Deserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return parse(p.getValueAsString(p.getText()));
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
            }
        }
    }
}
