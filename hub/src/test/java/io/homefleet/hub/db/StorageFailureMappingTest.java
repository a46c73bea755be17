package io.homefleet.hub.db;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.homefleet.service.db.testing.EmbeddedPostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Only an unreachable database is "storage unavailable" (503, Retry-After); data the database refuses is the
 * caller's 400, never an outage a client would retry forever.
 */
@QuarkusTest
class StorageFailureMappingTest {

    @Inject
    Db db;

    @Test
    void dataTheDatabaseRefusesIsA400NotAnOutage() {
        String id = Fleet.createCustomer(Fleet.uniqueId("baddata"));
        String key = Fleet.customerKey(id);
        Map<String, Object> nul = new HashMap<>(Fleet.report(id));
        nul.put("controller_version", "0.39\u0000.1");
        as(key).body(nul).post("/api/v1/report").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"));

        Map<String, Object> farFuture = new HashMap<>(Fleet.report(id, UUID.randomUUID(),
                Instant.parse("+10000-01-01T00:00:00Z"), "ok"));
        as(key).body(farFuture).post("/api/v1/report").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"));

        // The Panache path (operator API) the same way.
        Fleet.operator().body(Map.of("id", Fleet.uniqueId("nulname"), "name", "a\u0000b"))
                .post("/api/v1/customers").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"));
        // And the hub still stores good reports.
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
    }

    @Test
    void reportsQueuedWhenTheDatabaseGoesAwayGet503WithRetryAfterPromptly() throws Exception {
        String id = Fleet.createCustomer(Fleet.uniqueId("queued"));
        String key = Fleet.customerKey(id);
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            EmbeddedPostgresTestResource.stopDatabase();
            long start = System.nanoTime();
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(senders.submit(() -> as(key).body(Fleet.report(id)).post("/api/v1/report")));
            }
            for (Future<Response> f : answers) {
                Response r = f.get(60, TimeUnit.SECONDS);
                assertEquals(503, r.statusCode(), r.asString());
                assertEquals("30", r.header("Retry-After"));
                assertEquals("urn:homefleet:problem:storage-unavailable", r.path("type"));
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 15, "answered only after " + seconds + " s");
        } finally {
            senders.shutdownNow();
            EmbeddedPostgresTestResource.startDatabase();
        }
    }

    @Test
    void aReportNotStoredInTimeIsA503WithRetryAfterNotA500() throws Exception {
        String id = Fleet.createCustomer(Fleet.uniqueId("stalled"));
        String key = Fleet.customerKey(id);
        // Hold the customer's row: the report writer's batch waits behind it past the request's 30 s.
        try (Connection con = db.connection()) {
            con.setAutoCommit(false);
            try (PreparedStatement ps = con.prepareStatement("SELECT id FROM customers WHERE id = ? FOR UPDATE")) {
                ps.setString(1, id);
                ps.executeQuery().close();
            }
            as(key).config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                            .setParam("http.socket.timeout", 90_000)))
                    .body(Fleet.report(id)).post("/api/v1/report").then().statusCode(503)
                    .header("Retry-After", "30")
                    .body("type", equalTo("urn:homefleet:problem:storage-unavailable"));
            con.rollback();
        }
    }
}
