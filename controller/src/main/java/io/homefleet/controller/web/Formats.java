package io.homefleet.controller.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers, sizes, temperatures and times as one page language writes them (Hungarian: decimal comma,
 * {@code 2026. 06. 11. 12:24}). Missing values become a dash, so templates never print "null".
 */
public final class Formats {
    public static final String MISSING = "–";
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private final Locale locale;
    private final ZoneId zone;
    private final Msg msg;
    private final DateTimeFormatter dateTime;

    public Formats(Locale locale, ZoneId zone, Msg msg) {
        this.locale = locale;
        this.zone = zone;
        this.msg = msg;
        this.dateTime = DateTimeFormatter.ofPattern(
                "hu".equals(locale.getLanguage()) ? "yyyy. MM. dd. HH:mm" : "yyyy-MM-dd HH:mm", locale);
    }

    public Msg msg() {
        return msg;
    }

    public String bytes(Long bytes) {
        if (bytes == null || bytes < 0) {
            return MISSING;
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return decimal(value, unit == 0 ? 0 : 1) + " " + UNITS[unit];
    }

    public String percent(Double percent) {
        return percent == null ? MISSING : decimal(percent, 1) + " %";
    }

    public String percent(Long used, Long total) {
        if (used == null || total == null || total <= 0) {
            return MISSING;
        }
        return percent(used * 100.0 / total);
    }

    /** "12,3 GiB / 93,9 GiB (13,1 %)" */
    public String usedOf(Long used, Long total) {
        if (used == null && total == null) {
            return MISSING;
        }
        return msg.used_of(bytes(used), bytes(total), percent(used, total));
    }

    public String temperature(Double celsius) {
        return celsius == null ? MISSING : decimal(celsius, 1) + " °C";
    }

    public String load(Double load) {
        return load == null ? MISSING : decimal(load, 2);
    }

    public String count(Integer value) {
        return value == null ? MISSING : String.valueOf(value);
    }

    public String duration(Long seconds) {
        if (seconds == null || seconds < 0) {
            return MISSING;
        }
        return msg.duration(seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60).strip();
    }

    public String instant(Instant instant) {
        return instant == null ? MISSING : dateTime.format(instant.atZone(zone));
    }

    /** Percentage for a meter's width, 0 to 100; 0 when unknown. */
    public static int meter(Long used, Long total) {
        if (used == null || total == null || total <= 0) {
            return 0;
        }
        return (int) Math.max(0, Math.min(100, Math.round(used * 100.0 / total)));
    }

    private String decimal(double value, int digits) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(0);
        format.setMaximumFractionDigits(digits);
        format.setGroupingUsed(true);
        return format.format(value);
    }
}
