package io.homefleet.hub.report;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A sender's clock and ids cannot hide another report: the latest is chosen by the hub, ids are per customer. */
@QuarkusTest
class ReportIntegrityTest {
    @Inject
    Db db;

    @Test
    void reportDatedFarInTheFutureIsRefusedNamingTheField() {
        String id = Fleet.createCustomer(Fleet.uniqueId("future"));
        String key = Fleet.customerKey(id);
        UUID reportId = UUID.randomUUID();
        as(key).body(Fleet.report(id, reportId, Instant.parse("9999-12-31T23:59:59Z"), "ok"))
                .post("/api/v1/report").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"))
                .body("errors[0].field", equalTo("sent_at"));
        as(key).body(Fleet.report(id, UUID.randomUUID(), Instant.now().plus(Duration.ofHours(25)), "ok"))
                .post("/api/v1/report").then().statusCode(400).body("errors[0].field", equalTo("sent_at"));
        as(key).body(Fleet.report(id, UUID.randomUUID(), Instant.now().minus(Duration.ofDays(91)), "ok"))
                .post("/api/v1/report").then().statusCode(400).body("errors[0].field", equalTo("sent_at"));
        assertEquals(0, db.count("SELECT count(*) FROM reports WHERE customer_id = ?", id));
    }

    @Test
    void reportFromAClockRunningAheadDoesNotHideTheFailureAfterIt() {
        String id = Fleet.createCustomer(Fleet.uniqueId("ahead"));
        String key = Fleet.customerKey(id);
        as(key).body(Fleet.report(id, UUID.randomUUID(), Instant.now().plus(Duration.ofHours(1)), "ok"))
                .post("/api/v1/report").then().statusCode(202).body("stored", equalTo(true));
        UUID failing = UUID.randomUUID();
        as(key).body(Fleet.report(id, failing, Instant.now(), "fail"))
                .post("/api/v1/report").then().statusCode(202).body("stored", equalTo(true));

        Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(200)
                .body("customer.status", equalTo("DOWN"))
                .body("customer.health", equalTo("fail"))
                .body("latest_report.report_id", equalTo(failing.toString()));
        Fleet.operator().get("/api/v1/customers?status=down").then().statusCode(200)
                .body("id", hasItem(id));
        Fleet.operator().get("/api/v1/customers?status=ok").then().statusCode(200)
                .body("id", not(hasItem(id)));
    }

    @Test
    void reportIdsAreUniquePerCustomer() {
        String a = Fleet.createCustomer(Fleet.uniqueId("ids-a"));
        String b = Fleet.createCustomer(Fleet.uniqueId("ids-b"));
        String keyA = Fleet.customerKey(a);
        String keyB = Fleet.customerKey(b);
        UUID shared = UUID.randomUUID();
        as(keyA).body(Fleet.report(a, shared, Instant.now(), "ok")).post("/api/v1/report").then().statusCode(202)
                .body("stored", equalTo(true));
        as(keyB).body(Fleet.report(b, shared, Instant.now(), "warn")).post("/api/v1/report").then().statusCode(202)
                .body("stored", equalTo(true));
        // Each customer re-sending its own report is still a re-send.
        as(keyA).body(Fleet.report(a, shared, Instant.now(), "ok")).post("/api/v1/report").then().statusCode(202)
                .body("stored", equalTo(false));
        as(keyB).body(Fleet.report(b, shared, Instant.now(), "warn")).post("/api/v1/report").then().statusCode(202)
                .body("stored", equalTo(false));

        assertEquals(1, db.count("SELECT count(*) FROM reports WHERE customer_id = ? AND report_id = ?", a, shared));
        assertEquals(1, db.count("SELECT count(*) FROM reports WHERE customer_id = ? AND report_id = ?", b, shared));
        Fleet.operator().get("/api/v1/customers/" + a).then()
                .body("latest_report.report_id", equalTo(shared.toString())).body("customer.health", equalTo("ok"));
        Fleet.operator().get("/api/v1/customers/" + b).then()
                .body("latest_report.report_id", equalTo(shared.toString())).body("customer.health", equalTo("warn"));
    }

    @Test
    void eventIdsAreUniquePerCustomer() {
        String a = Fleet.createCustomer(Fleet.uniqueId("ev-ids-a"));
        String b = Fleet.createCustomer(Fleet.uniqueId("ev-ids-b"));
        Map<String, Object> eventA = Fleet.event(a, "backup_failed", "error");
        Map<String, Object> eventB = new HashMap<>(Fleet.event(b, "backup_failed", "error"));
        eventB.put("event_id", eventA.get("event_id"));
        String keyA = Fleet.customerKey(a);
        String keyB = Fleet.customerKey(b);
        as(keyA).body(eventA).post("/api/v1/event").then().statusCode(202).body("stored", equalTo(true));
        as(keyB).body(eventB).post("/api/v1/event").then().statusCode(202).body("stored", equalTo(true));
        as(keyB).body(eventB).post("/api/v1/event").then().statusCode(202).body("stored", equalTo(false));
        assertEquals(1, db.count("SELECT count(*) FROM events WHERE customer_id = ?", a));
        assertEquals(1, db.count("SELECT count(*) FROM events WHERE customer_id = ?", b));
    }
}
