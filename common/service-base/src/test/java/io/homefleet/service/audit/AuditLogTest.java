package io.homefleet.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theChainContinuesAcrossRestarts() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("peer_uid", 0, "method", "get_status"), Durability.FORCED);
        }
        List<String> first = Files.readAllLines(file);
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("peer_uid", 1000, "method", "get_temperature"), Durability.FORCED);
        }
        List<String> all = Files.readAllLines(file);
        JsonNode lastOfFirstRun = JSON.readTree(first.get(first.size() - 1));
        JsonNode firstOfSecondRun = JSON.readTree(all.get(first.size()));
        assertEquals(lastOfFirstRun.path("hash").asText(), firstOfSecondRun.path("prev").asText(), "restart links to the old chain");
        assertEquals(lastOfFirstRun.path("seq").asLong() + 1, firstOfSecondRun.path("seq").asLong());
        assertTrue(AuditLog.verify(file).intact(), AuditLog.verify(file).detail());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anOlderGroupReadableFileBecomesOwnerOnly() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("formatted", Map.of("device", "/dev/sdb"), Durability.FORCED);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anEditedOrDeletedLineBreaksTheChainAtThatLine() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                log.record("socket_request", Map.of("peer_uid", i), Durability.FORCED);
            }
        }
        List<String> lines = Files.readAllLines(file);
        Path edited = dir.resolve("edited.jsonl");
        Files.write(edited, lines.stream().map(l -> l.replace("\"peer_uid\":3", "\"peer_uid\":0")).toList());
        AuditLog.Verification e = AuditLog.verify(edited);
        assertFalse(e.intact());
        assertTrue(e.detail().contains("hash mismatch"), e.detail());
        assertEquals(5, e.line(), "line 1 is audit_opened, the edited peer_uid 3 is line 5");

        Path deleted = dir.resolve("deleted.jsonl");
        Files.write(deleted, lines.subList(0, 2));
        Files.write(deleted, lines.subList(3, lines.size()), StandardOpenOption.APPEND);
        AuditLog.Verification d = AuditLog.verify(deleted);
        assertFalse(d.intact());
        assertEquals(3, d.line());
    }

    @Test
    void aTornLastLineIsRecordedAndTheChainResumes() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("peer_uid", 0), Durability.FORCED);
        }
        Files.writeString(file, "{\"seq\":3,\"time\":\"2026-", StandardOpenOption.APPEND); // crash mid-write
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("peer_uid", 1), Durability.FORCED);
        }
        String text = Files.readString(file);
        assertTrue(text.contains("audit_torn_line_skipped"));
        AuditLog.Verification v = AuditLog.verify(file);
        assertTrue(v.intact(), v.detail());
    }

    @Test
    void manyThreadsAndTwoWritersOnOneFileKeepOneChain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (AuditLog daemon = AuditLog.open(file, Clock.systemUTC());
             AuditLog cli = AuditLog.open(file, Clock.systemUTC())) {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                AuditLog writer = i % 3 == 0 ? cli : daemon;
                int n = i;
                writes.add(pool.submit(() -> writer.record("event", Map.of("n", n), Durability.FORCED)));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        AuditLog.Verification v = AuditLog.verify(file);
        assertTrue(v.intact(), v.detail());
        assertEquals(202, Files.readAllLines(file).size(), "200 events and two audit_opened");
    }

    @Test
    void nullFieldsAreLeftOut() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("approval_jti", null);
        fields.put("device", "/dev/sdb");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("formatted", fields, Durability.FORCED);
        }
        assertFalse(Files.readString(file).contains("approval_jti"));
    }

    @Test
    void theVerifyCommandSaysOkOrBrokenAndExitsAccordingly() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("formatted", Map.of("device", "/dev/sdb"), Durability.FORCED);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, AuditVerifyCommand.run(file, new PrintStream(out), new PrintStream(err)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("ok: "), out::toString);
        Files.writeString(file, Files.readString(file).replace("/dev/sdb", "/dev/sdc"));
        assertEquals(1, AuditVerifyCommand.run(file, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 2 was changed"), err::toString);
    }

    @Test
    void aForcedRecordIsOnDiskWhenRecordReturns() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("formatted", Map.of("device", "/dev/sdb"), Durability.FORCED);
            assertEquals(Files.size(file), log.forcedSize(), "the whole file was forced before record returned");
            assertTrue(readWithAnotherChannel(file).contains("/dev/sdb"));
        }
    }

    @Test
    void aDeferredRecordIsInTheFileAtOnceAndForcedWithinTheBound() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            long forcedBefore = log.forcedSize();
            long written = System.nanoTime();
            log.record("socket_request", Map.of("method", "get_temperature"), Durability.WITHIN_1S);
            assertTrue(readWithAnotherChannel(file).contains("get_temperature"), "another reader sees the line at once");
            assertEquals(forcedBefore, log.forcedSize(), "not forced by record itself");
            while (log.forcedSize() < Files.size(file)) {
                assertTrue(Duration.ofNanos(System.nanoTime() - written).compareTo(AuditLog.DEFERRED_FORCE_BOUND) <= 0,
                        "forced within " + AuditLog.DEFERRED_FORCE_BOUND);
                Thread.sleep(5);
            }
        }
    }

    @Test
    void aForcedRecordForcesTheDeferredOnesBeforeIt() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("method", "get_temperature"), Durability.WITHIN_1S);
            log.record("socket_request", Map.of("method", "get_temperatures"), Durability.WITHIN_1S);
            log.record("allowed_nodes_changed", Map.of("entries", List.of("pve1")), Durability.FORCED);
            assertEquals(Files.size(file), log.forcedSize());
        }
    }

    @Test
    void aMixOfForcedAndDeferredRecordsIsOneChainAcrossRestartsAndAfterAPowerLossTail() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        long forcedAtLoss;
        byte[] atLoss;
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("allowed_nodes_changed", Map.of("entries", List.of("pve1")), Durability.FORCED);
            for (int i = 0; i < 3; i++) {
                log.record("socket_request", Map.of("method", "get_temperature", "n", i), Durability.WITHIN_1S);
            }
            forcedAtLoss = log.forcedSize();
            atLoss = Files.readAllBytes(file);
        }
        assertTrue(AuditLog.verify(file).intact(), AuditLog.verify(file).detail());
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("method", "get_status"), Durability.WITHIN_1S);
            log.record("format_refused", Map.of("device", "/dev/sdb"), Durability.FORCED);
        }
        AuditLog.Verification restarted = AuditLog.verify(file);
        assertTrue(restarted.intact(), restarted.detail());

        // A power loss keeps what was forced and any prefix of the rest, here cut inside a deferred line.
        Path lost = dir.resolve("after-power-loss.jsonl");
        int cut = (int) forcedAtLoss + (atLoss.length - (int) forcedAtLoss) / 2;
        Files.write(lost, java.util.Arrays.copyOf(atLoss, cut));
        try (AuditLog log = AuditLog.open(lost, Clock.systemUTC())) {
            log.record("socket_request", Map.of("method", "get_temperature"), Durability.WITHIN_1S);
            log.record("daemon_stopped", Map.of(), Durability.FORCED);
        }
        assertTrue(Files.readString(lost).contains("audit_torn_line_skipped"));
        AuditLog.Verification afterLoss = AuditLog.verify(lost);
        assertTrue(afterLoss.intact(), afterLoss.detail());
    }

    private static String readWithAnotherChannel(Path file) throws java.io.IOException {
        try (java.nio.channels.FileChannel reader = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) reader.size());
            while (bytes.hasRemaining() && reader.read(bytes) >= 0) {
                // read to the end
            }
            return new String(bytes.array(), StandardCharsets.UTF_8);
        }
    }
}
