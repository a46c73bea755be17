package io.homefleet.service.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as edge config files spell them: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, a plain
 * number of seconds, or ISO-8601 ({@code PT5S}). The same syntax in YAML values and environment overrides.
 */
public final class ConfigDurations {
    private static final Pattern SHAPE = Pattern.compile("^(\\d+)(ms|s|m|h|d)?$");

    private ConfigDurations() {
    }

    public static Duration parse(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "PT", 0, 2) || t.regionMatches(true, 0, "P", 0, 1) && t.length() > 1
                && Character.isDigit(t.charAt(1))) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
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
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Jackson module reading {@link Duration} in this syntax. */
    public static SimpleModule module() {
        return new SimpleModule("config-durations").addDeserializer(Duration.class, new Deserializer());
    }

    private static final class Deserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return parse(p.getValueAsString(p.getText()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
            }
        }
    }
}
