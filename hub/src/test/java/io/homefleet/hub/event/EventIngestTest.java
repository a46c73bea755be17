package io.homefleet.hub.event;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.common.contract.v1.EventType;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventIngestTest {
    @Inject
    Db db;

    @Test
    void theClosedListHasTheSeedsTwentySevenTypes() {
        assertEquals(27, EventType.values().length);
        assertEquals(5, java.util.Arrays.stream(EventType.values()).filter(EventType::hubOnly).count());
    }

    @Test
    void eventIsStoredOnceAndListedNewestFirst() {
        String id = Fleet.createCustomer(Fleet.uniqueId("ev"));
        String key = Fleet.customerKey(id);
        Map<String, Object> first = Fleet.event(id, "backup_failed", "error");
        as(key).body(first).post("/api/v1/event").then().statusCode(202).body("stored", equalTo(true));
        as(key).body(first).post("/api/v1/event").then().statusCode(202).body("stored", equalTo(false));
        as(key).body(Fleet.event(id, "app_deployed", "info")).post("/api/v1/event").then().statusCode(202);
        as(key).body(Fleet.event(id, "disk_space_low", "warning")).post("/api/v1/event").then().statusCode(202);

        Fleet.operator().get("/api/v1/customers/" + id + "/events").then().statusCode(200)
                .body("size()", equalTo(3))
                .body("[0].event_type", equalTo("disk_space_low"))
                .body("[2].event_type", equalTo("backup_failed"))
                .body("[2].details.app", equalTo("nextcloud"))
                .body("[2].source", equalTo("controller"));
        Fleet.operator().get("/api/v1/customers/" + id + "/events?severity=error,warning&limit=1").then()
                .body("size()", equalTo(1)).body("[0].severity", equalTo("warning"));
        Fleet.operator().get("/api/v1/customers/" + id + "/events?type=app_deployed").then()
                .body("size()", equalTo(1)).body("[0].event_type", equalTo("app_deployed"));
        Fleet.operator().get("/api/v1/customers").then()
                .body("find { it.id == '" + id + "' }.errors_24h", equalTo(1))
                .body("find { it.id == '" + id + "' }.warnings_24h", equalTo(1));
    }

    @Test
    void hubOnlyTypesAndTheHubSourceAreRefused() {
        String id = Fleet.createCustomer(Fleet.uniqueId("ev-hub"));
        String key = Fleet.customerKey(id);
        as(key).body(Fleet.event(id, "node_down", "error")).post("/api/v1/event").then().statusCode(400)
                .body("detail", containsString("raised by the hub"));
        Map<String, Object> spoofed = new HashMap<>(Fleet.event(id, "backup_completed", "info"));
        spoofed.put("source", "hub");
        as(key).body(spoofed).post("/api/v1/event").then().statusCode(400);
        assertEquals(0, db.count("SELECT count(*) FROM events WHERE customer_id = ?", id));
    }

    @Test
    void badEventQueriesAreRefused() {
        String id = Fleet.createCustomer(Fleet.uniqueId("ev-q"));
        Fleet.operator().get("/api/v1/customers/" + id + "/events?severity=critical").then().statusCode(400)
                .contentType("application/problem+json");
        Fleet.operator().get("/api/v1/customers/" + id + "/events?type=exploded").then().statusCode(400);
        Fleet.operator().get("/api/v1/customers/" + id + "/events?limit=0").then().statusCode(400);
        Fleet.operator().get("/api/v1/customers/" + id + "/events?limit=5000").then().statusCode(400);
        Fleet.operator().get("/api/v1/customers/" + id + "/events?limit=abc").then().statusCode(400);
    }
}
