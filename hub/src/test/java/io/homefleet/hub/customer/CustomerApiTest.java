package io.homefleet.hub.customer;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerApiTest {
    @Inject
    Db db;

    private String statusOf(String id) {
        return Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(200).extract()
                .path("customer.status");
    }

    private void lastSeenMinutesAgo(String id, double minutes) {
        db.update("UPDATE customers SET last_seen_at = now() - make_interval(secs => ?) WHERE id = ?",
                minutes * 60, id);
    }

    @Test
    void createReadUpdateDelete() {
        String id = Fleet.uniqueId("crud");
        Fleet.operator().body(Map.of("id", id, "name", "Acme Kft.", "email", "ops@acme.example", "domain",
                "acme.example")).post("/api/v1/customers").then().statusCode(201)
                .header("Location", containsString("/api/v1/customers/" + id))
                .body("customer.status", equalTo("PENDING"))
                .body("customer.name", equalTo("Acme Kft."))
                .body("latest_report", nullValue());
        Fleet.operator().body(Map.of("id", id, "name", "Again")).post("/api/v1/customers").then().statusCode(409);
        Fleet.operator().body(Map.of("name", "Acme Zrt.", "notes", "moved")).put("/api/v1/customers/" + id).then()
                .statusCode(200).body("customer.name", equalTo("Acme Zrt.")).body("notes", equalTo("moved"));
        Fleet.operator().body(Map.of("id", "other", "name", "X")).put("/api/v1/customers/" + id).then()
                .statusCode(400);
        Fleet.operator().body(Map.of("name", "X", "email", "not-an-email")).put("/api/v1/customers/" + id).then()
                .statusCode(400);
        String key = Fleet.customerKey(id);
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        Fleet.operator().delete("/api/v1/customers/" + id).then().statusCode(204);
        Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(404);
        assertEquals(0, db.count("SELECT count(*) FROM reports WHERE customer_id = ?", id));
        assertEquals(0, db.count("SELECT count(*) FROM credentials WHERE customer_id = ?", id));
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(401);
    }

    @Test
    void statusFollowsStalenessAndHealth() {
        String id = Fleet.createCustomer(Fleet.uniqueId("status"));
        assertEquals("PENDING", statusOf(id));
        String key = Fleet.customerKey(id);
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        assertEquals("OK", statusOf(id));
        lastSeenMinutesAgo(id, 29.9);
        assertEquals("OK", statusOf(id));
        lastSeenMinutesAgo(id, 30.1);
        assertEquals("WARN", statusOf(id));
        lastSeenMinutesAgo(id, 59.9);
        assertEquals("WARN", statusOf(id));
        lastSeenMinutesAgo(id, 60.1);
        assertEquals("DOWN", statusOf(id));
        as(key).body(Fleet.report(id, java.util.UUID.randomUUID(), java.time.Instant.now(), "fail"))
                .post("/api/v1/report").then().statusCode(202);
        assertEquals("DOWN", statusOf(id));
    }

    @Test
    void pausedMonitoringIsDisabled() {
        String id = Fleet.createCustomer(Fleet.uniqueId("paused"));
        Map<String, Object> report = new java.util.HashMap<>(Fleet.report(id));
        report.put("monitoring_enabled", false);
        as(Fleet.customerKey(id)).body(report).post("/api/v1/report").then().statusCode(202);
        lastSeenMinutesAgo(id, 600);
        assertEquals("DISABLED", statusOf(id));
    }

    @Test
    void blockedCustomersStillStoreReports() {
        String id = Fleet.createCustomer(Fleet.uniqueId("blocked"));
        String key = Fleet.customerKey(id);
        Fleet.operator().post("/api/v1/customers/" + id + "/block").then().statusCode(200)
                .body("customer.status", equalTo("BLOCKED")).body("customer.blocked", equalTo(true));
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202).body("stored", equalTo(true));
        assertEquals(1, db.count("SELECT count(*) FROM reports WHERE customer_id = ?", id));
        Fleet.operator().get("/api/v1/customers?status=blocked").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.status", equalTo("BLOCKED"));
        Fleet.operator().post("/api/v1/customers/" + id + "/unblock").then().statusCode(200)
                .body("customer.status", equalTo("OK"));
        Fleet.operator().get("/api/v1/customers?status=sideways").then().statusCode(400);
    }

    @Test
    void listCarriesTheLatestReportSummary() {
        String id = Fleet.createCustomer(Fleet.uniqueId("list"));
        as(Fleet.customerKey(id)).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        Fleet.operator().get("/api/v1/customers").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.status", equalTo("OK"))
                .body("find { it.id == '" + id + "' }.cpu_percent", equalTo(12.5f))
                .body("find { it.id == '" + id + "' }.controller_url", equalTo("https://" + id + ".example"))
                .body("find { it.id == '" + id + "' }.errors_24h", equalTo(0));
    }

    @Test
    void keysCanBeListedAndRevokedOneByOne() {
        String id = Fleet.createCustomer(Fleet.uniqueId("keys"));
        String first = Fleet.customerKey(id);
        String second = Fleet.customerKey(id);
        String firstId = Fleet.operator().get("/api/v1/customers/" + id + "/keys").then().statusCode(200)
                .body("size()", equalTo(2)).extract().path("[0].key_id");
        Fleet.operator().delete("/api/v1/customers/" + id + "/keys/" + firstId).then().statusCode(204);
        as(first).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(401);
        as(second).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        Fleet.operator().get("/api/v1/customers/" + id + "/keys").then()
                .body("[0].active", equalTo(false)).body("[1].active", equalTo(true));
        Fleet.operator().delete("/api/v1/customers/" + id + "/keys/" + java.util.UUID.randomUUID()).then()
                .statusCode(404);
    }
}
