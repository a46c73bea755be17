package io.homefleet.hub.monitor;

import static io.homefleet.hub.support.Fleet.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionPrunerTest {
    @Inject
    RetentionPruner pruner;

    @Inject
    Db db;

    @Test
    void oldRowsGoLatestReportsAndRecentRowsStay() {
        String id = Fleet.createCustomer(Fleet.uniqueId("prune"));
        String key = Fleet.customerKey(id);
        UUID oldest = UUID.randomUUID();
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        as(key).body(Fleet.report(id, oldest, Instant.now().minusSeconds(30), "ok")).post("/api/v1/report").then()
                .statusCode(202);
        as(key).body(Fleet.report(id, old, Instant.now().minusSeconds(20), "ok")).post("/api/v1/report").then()
                .statusCode(202);
        as(key).body(Fleet.report(id, recent, Instant.now(), "ok")).post("/api/v1/report").then().statusCode(202);
        db.update("UPDATE reports SET received_at = now() - interval '91 days' WHERE report_id IN (?, ?)", oldest,
                old);
        Map<String, Object> oldEvent = Fleet.event(id, "backup_completed", "info");
        as(key).body(oldEvent).post("/api/v1/event").then().statusCode(202);
        as(key).body(Fleet.event(id, "backup_completed", "info")).post("/api/v1/event").then().statusCode(202);
        db.update("UPDATE events SET received_at = now() - interval '91 days' WHERE event_id = ?",
                UUID.fromString((String) oldEvent.get("event_id")));

        String silent = Fleet.createCustomer(Fleet.uniqueId("prune-silent"));
        UUID last = UUID.randomUUID();
        as(Fleet.customerKey(silent)).body(Fleet.report(silent, last, Instant.now(), "ok")).post("/api/v1/report")
                .then().statusCode(202);
        db.update("UPDATE reports SET received_at = now() - interval '200 days' WHERE report_id = ?", last);

        RetentionPruner.Pruned pruned = pruner.prune(Instant.now());
        assertTrue(pruned.reports() >= 2, "pruned " + pruned);
        assertTrue(pruned.events() >= 1, "pruned " + pruned);
        assertEquals(List.of(recent.toString()), reportIds(id));
        assertEquals(1, db.count("SELECT count(*) FROM events WHERE customer_id = ?", id));
        assertEquals(List.of(last.toString()), reportIds(silent), "a silent customer's last report is kept");

        assertEquals(0, pruner.prune(Instant.now()).reports(), "a second prune finds nothing");
    }

    private List<String> reportIds(String customer) {
        return db.strings("SELECT report_id::text FROM reports WHERE customer_id = ? ORDER BY sent_at", customer);
    }
}
