package io.homefleet.hub.monitor;

import static io.homefleet.hub.support.Fleet.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Transitions raise exactly one event each; blocked and paused customers raise none; replicas agree. */
@QuarkusTest
class DeadMansSwitchTest {
    @Inject
    DeadMansSwitch sweep;

    @Inject
    Db db;

    private void lastSeenMinutesAgo(String id, double minutes) {
        db.update("UPDATE customers SET last_seen_at = now() - make_interval(secs => ?) WHERE id = ?",
                minutes * 60, id);
    }

    private long events(String id, String type) {
        return db.count("SELECT count(*) FROM events WHERE customer_id = ? AND event_type = ? AND source = 'hub'",
                id, type);
    }

    private String reporting(String prefix) {
        String id = Fleet.createCustomer(Fleet.uniqueId(prefix));
        as(Fleet.customerKey(id)).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        return id;
    }

    @Test
    void staleDownRecoveredEachOnce() {
        String id = reporting("dms");
        sweep.sweep(Instant.now());
        assertEquals(0, db.count("SELECT count(*) FROM events WHERE customer_id = ?", id), "first report is silent");

        lastSeenMinutesAgo(id, 31);
        sweep.sweep(Instant.now());
        sweep.sweep(Instant.now());
        assertEquals(1, events(id, "node_stale"));

        lastSeenMinutesAgo(id, 61);
        sweep.sweep(Instant.now());
        sweep.sweep(Instant.now());
        assertEquals(1, events(id, "node_down"));
        assertEquals(1, events(id, "node_stale"));

        lastSeenMinutesAgo(id, 0);
        sweep.sweep(Instant.now());
        sweep.sweep(Instant.now());
        assertEquals(1, events(id, "node_recovered"));
        assertEquals(3, db.count("SELECT count(*) FROM events WHERE customer_id = ?", id));
        assertEquals(1, db.count("SELECT count(*) FROM events WHERE customer_id = ? AND event_type = 'node_down' "
                + "AND severity = 'error' AND message LIKE 'no report for 6_ minutes%'", id));
        Fleet.operator().get("/api/v1/customers/" + id + "/events?type=node_down").then().statusCode(200)
                .body("[0].source", org.hamcrest.Matchers.equalTo("hub"))
                .body("[0].details.previous_state", org.hamcrest.Matchers.equalTo("stale"));
    }

    @Test
    void silentJumpStraightToDownRaisesOnlyDown() {
        String id = reporting("dms-jump");
        sweep.sweep(Instant.now());
        lastSeenMinutesAgo(id, 300);
        sweep.sweep(Instant.now());
        assertEquals(0, events(id, "node_stale"));
        assertEquals(1, events(id, "node_down"));
    }

    @Test
    void blockedAndPausedCustomersRaiseNothing() {
        String blocked = reporting("dms-blocked");
        Fleet.operator().post("/api/v1/customers/" + blocked + "/block").then().statusCode(200);
        String paused = Fleet.createCustomer(Fleet.uniqueId("dms-paused"));
        java.util.Map<String, Object> report = new java.util.HashMap<>(Fleet.report(paused));
        report.put("monitoring_enabled", false);
        as(Fleet.customerKey(paused)).body(report).post("/api/v1/report").then().statusCode(202);
        sweep.sweep(Instant.now());
        lastSeenMinutesAgo(blocked, 120);
        lastSeenMinutesAgo(paused, 120);
        sweep.sweep(Instant.now());
        assertEquals(0, db.count("SELECT count(*) FROM events WHERE customer_id IN (?, ?)", blocked, paused));
        // Unblocking a customer that went down while blocked does not replay the missed transitions.
        Fleet.operator().post("/api/v1/customers/" + blocked + "/unblock").then().statusCode(200);
        sweep.sweep(Instant.now());
        assertEquals(0, db.count("SELECT count(*) FROM events WHERE customer_id = ?", blocked));
    }

    @Test
    void concurrentSweepsRaiseOneEvent() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(reporting("dms-race"));
        }
        sweep.sweep(Instant.now());
        for (String id : ids) {
            lastSeenMinutesAgo(id, 45);
        }
        CyclicBarrier start = new CyclicBarrier(2);
        Instant now = Instant.now();
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> await(start, now));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> await(start, now));
        int raised = a.get() + b.get();
        assertEquals(20, raised, "the two sweeps together raise one event per customer");
        for (String id : ids) {
            assertEquals(1, events(id, "node_stale"), id);
        }
    }

    private int await(CyclicBarrier barrier, Instant now) {
        try {
            barrier.await();
            return sweep.sweep(now).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
