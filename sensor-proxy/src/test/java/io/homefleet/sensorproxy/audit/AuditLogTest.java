package io.homefleet.sensorproxy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void theChainContinuesAcrossRestarts() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("peer_uid", 0, "method", "get_status"));
        }
        List<String> first = Files.readAllLines(file);
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("peer_uid", 1000, "method", "get_temperature"));
        }
        List<String> all = Files.readAllLines(file);
        JsonNode lastOfFirstRun = Json.mapper().readTree(first.get(first.size() - 1));
        JsonNode firstOfSecondRun = Json.mapper().readTree(all.get(first.size()));
        assertEquals(lastOfFirstRun.path("hash").asText(), firstOfSecondRun.path("prev").asText(), "restart links to the old chain");
        assertEquals(lastOfFirstRun.path("seq").asLong() + 1, firstOfSecondRun.path("seq").asLong());
        assertTrue(AuditLog.verify(file).intact(), AuditLog.verify(file).detail());
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anEditedOrDeletedLineBreaksTheChain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                log.record("socket_request", Map.of("peer_uid", i));
            }
        }
        List<String> lines = Files.readAllLines(file);
        Path edited = dir.resolve("edited.jsonl");
        Files.write(edited, lines.stream().map(l -> l.replace("\"peer_uid\":3", "\"peer_uid\":0")).toList());
        AuditLog.Verification e = AuditLog.verify(edited);
        assertFalse(e.intact());
        assertTrue(e.detail().contains("hash mismatch"), e.detail());

        Path deleted = dir.resolve("deleted.jsonl");
        Files.write(deleted, lines.subList(0, 2));
        Files.write(deleted, lines.subList(3, lines.size()), StandardOpenOption.APPEND);
        assertFalse(AuditLog.verify(deleted).intact());
    }

    @Test
    void aTornLastLineIsRecordedAndTheChainResumes() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("peer_uid", 0));
        }
        Files.writeString(file, "{\"seq\":3,\"time\":\"2026-", StandardOpenOption.APPEND); // crash mid-write
        try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
            log.record("socket_request", Map.of("peer_uid", 1));
        }
        String text = Files.readString(file);
        assertTrue(text.contains("audit_torn_line_skipped"));
        AuditLog.Verification v = AuditLog.verify(file);
        assertTrue(v.intact(), v.detail());
    }
}
