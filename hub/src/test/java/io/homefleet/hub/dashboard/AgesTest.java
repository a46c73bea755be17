package io.homefleet.hub.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How metrics read on the pages: a value a report lacks is a dash, never "null"; uptimes in days and hours. */
class AgesTest {

    @Test
    void loadAveragesWithMissingValues() {
        assertEquals("0.42 / 0.35 / 0.30", Ages.load(0.42, 0.35, 0.3));
        assertEquals("– / – / –", Ages.load(null, null, null));
        assertEquals("1.50 / – / 2.00", Ages.load(1.5, null, 2.0));
    }

    @Test
    void uptimesReadAsDaysHoursOrMinutes() {
        assertEquals("–", Ages.uptime(null));
        assertEquals("7 min", Ages.uptime(7 * 60L + 5));
        assertEquals("5 h 12 min", Ages.uptime(5 * 3600L + 12 * 60));
        assertEquals("3 d 4 h", Ages.uptime(3 * 86_400L + 4 * 3600 + 59));
    }

    @Test
    void bytesAndPercent() {
        assertEquals("–", Ages.bytes(null));
        assertEquals("500 B", Ages.bytes(500L));
        assertEquals("1.5 GiB", Ages.bytes(1_610_612_736L));
        assertEquals("–", Ages.percent(null));
    }
}
