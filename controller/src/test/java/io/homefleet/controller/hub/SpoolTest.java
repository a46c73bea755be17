package io.homefleet.controller.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void itemsSurviveARestartInOrderAndNewOnesComeAfterThem(@TempDir Path dir) throws Exception {
        Spool first = new Spool(dir, 100);
        first.append(Spool.Kind.REPORT, text("r1"));
        first.append(Spool.Kind.EVENT, text("e1"));
        first.append(Spool.Kind.REPORT, text("r2"));
        first.remove(first.oldest().orElseThrow());
        Files.writeString(dir.resolve(".0000000000000000009-report.json.123.tmp"), "half written");

        Spool again = new Spool(dir, 100);
        again.append(Spool.Kind.EVENT, text("e2"));
        List<String> order = again.snapshot().stream().map(e -> {
            try {
                return new String(e.read(), StandardCharsets.UTF_8);
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }).toList();
        assertEquals(List.of("e1", "r2", "e2"), order);
        assertEquals(3, again.depth());
        assertTrue(again.snapshot().stream().allMatch(e -> e.file().getFileName().toString().endsWith(".json")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "an interrupted write is not an item");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void whenFullItDropsTheOldestReportsFirstAndEventsLastAndSaysSo(@TempDir Path dir) throws Exception {
        Spool spool = new Spool(dir, 4);
        assertNull(spool.dropSummary());
        spool.append(Spool.Kind.EVENT, text("e1"));
        spool.append(Spool.Kind.REPORT, text("r1"));
        spool.append(Spool.Kind.EVENT, text("e2"));
        spool.append(Spool.Kind.REPORT, text("r2"));
        spool.append(Spool.Kind.REPORT, text("r3"));
        assertEquals(List.of("e1", "e2", "r2", "r3"), contents(spool), "r1 went first");
        spool.append(Spool.Kind.EVENT, text("e3"));
        spool.append(Spool.Kind.EVENT, text("e4"));
        assertEquals(List.of("e1", "e2", "e3", "e4"), contents(spool), "reports go before any event");
        spool.append(Spool.Kind.EVENT, text("e5"));
        assertEquals(List.of("e2", "e3", "e4", "e5"), contents(spool), "then the oldest event");
        assertEquals(3, spool.droppedReports());
        assertEquals(1, spool.droppedEvents());
        assertTrue(spool.dropSummary().contains("dropped 3 oldest report(s) and 1 oldest event(s)"), spool.dropSummary());
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "dropped items are gone from disk too");
        }
    }

    private static List<String> contents(Spool spool) {
        return spool.snapshot().stream().map(e -> {
            try {
                return new String(e.read(), StandardCharsets.UTF_8);
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }).toList();
    }
}
