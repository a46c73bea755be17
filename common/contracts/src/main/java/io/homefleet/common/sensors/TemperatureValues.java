package io.homefleet.common.sensors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one raw sensor value into degrees Celsius. Values arrive as floats, integers, integer millidegrees
 * (hwmon's native unit, also passed through by some wrappers) and strings such as {@code "+47.0°C"}.
 */
public final class TemperatureValues {
    /** Anything at or below absolute zero is a driver placeholder (lm-sensors prints -273.15 for "no limit"). */
    static final double ABSOLUTE_ZERO = -273.15;
    /** Readings outside this band are wiring faults or placeholders (unconnected SuperIO inputs read 255). */
    static final double PLAUSIBLE_MIN = -60.0;
    static final double PLAUSIBLE_MAX = 150.0;
    private static final double MILLIDEGREE_THRESHOLD = 1000.0;
    private static final Pattern TEXT = Pattern.compile("^\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*(?:°\\s*C|C)?\\s*$");

    private TemperatureValues() {
    }

    /** The reading in °C, or empty when the value is not a temperature reading at all. */
    public static OptionalDouble celsius(JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return OptionalDouble.empty();
        }
        double value;
        if (raw.isNumber()) {
            value = raw.doubleValue();
        } else if (raw.isTextual()) {
            Matcher m = TEXT.matcher(raw.textValue());
            if (!m.matches()) {
                return OptionalDouble.empty();
            }
            value = Double.parseDouble(m.group(1));
        } else {
            return OptionalDouble.empty();
        }
        return celsius(value);
    }

    /** Normalizes a numeric reading: millidegrees (|v| ≥ 1000) are divided by 1000; placeholders dropped. */
    public static OptionalDouble celsius(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value <= ABSOLUTE_ZERO) {
            return OptionalDouble.empty();
        }
        if (Math.abs(value) >= MILLIDEGREE_THRESHOLD) {
            value = value / 1000.0;
            if (value <= ABSOLUTE_ZERO) {
                return OptionalDouble.empty();
            }
        }
        if (value < PLAUSIBLE_MIN || value > PLAUSIBLE_MAX) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }
}
