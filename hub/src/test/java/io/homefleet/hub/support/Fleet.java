package io.homefleet.hub.support;

import static io.restassured.RestAssured.given;

import io.homefleet.common.json.Json;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers that set up customers, hosts and keys through the real operator API. */
public final class Fleet {
    public static final String OPERATOR_TOKEN = "hfo_testOperatorTokenForTheHubTestSuiteOnly0000";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fleet() {
    }

    public static RequestSpecification operator() {
        return as(OPERATOR_TOKEN);
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A unique id per call, so tests sharing one database never collide. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    public static String createCustomer(String id) {
        operator().body(Map.of("id", id, "name", "Customer " + id)).post("/api/v1/customers").then().statusCode(201);
        return id;
    }

    public static String customerKey(String customerId) {
        return operator().post("/api/v1/customers/" + customerId + "/keys").then().statusCode(201)
                .extract().path("key");
    }

    public static String createHost(String id, String cluster, List<String> addresses) {
        operator().body(Map.of("id", id, "hostname", id + ".lan", "cluster", cluster, "addresses", addresses))
                .post("/api/v1/hosts").then().statusCode(201);
        return id;
    }

    public static String hostKey(String hostId) {
        return operator().post("/api/v1/hosts/" + hostId + "/keys").then().statusCode(201).extract().path("key");
    }

    public static Map<String, Object> report(String customerId) {
        return report(customerId, UUID.randomUUID(), Instant.now(), "ok");
    }

    public static Map<String, Object> report(String customerId, UUID reportId, Instant sentAt, String health) {
        return Map.of(
                "report_id", reportId.toString(),
                "customer_id", customerId,
                "controller_version", "0.39.1",
                "sent_at", sentAt.toString(),
                "health", Map.of("status", health, "reasons", List.of()),
                "monitoring_enabled", true,
                "system", Map.of(
                        "cpu", Map.of("percent", 12.5, "cores", 4),
                        "memory", Map.of("total", 16_000_000_000L, "used", 4_000_000_000L),
                        "disk", Map.of("total", 100_000_000_000L, "used", 25_000_000_000L),
                        "load", Map.of("load1", 0.5, "load5", 0.4, "load15", 0.3),
                        "uptime", 3600),
                "containers", List.of(Map.of("name", "nextcloud", "image", "nextcloud:29", "state", "running")),
                "controller_url", "https://" + customerId + ".example");
    }

    public static Map<String, Object> event(String customerId, String type, String severity) {
        return Map.of("event_id", UUID.randomUUID().toString(), "customer_id", customerId, "event_type", type,
                "severity", severity, "message", type + " happened", "details", Map.of("app", "nextcloud"));
    }

    /** What a controller's Settings page sends ({@code PUT /api/v1/preferences}). */
    public static Map<String, Object> preferences(String customerId, String language, boolean backupFailed) {
        return Map.of("customer_id", customerId, "language", language,
                "notifications", Map.of("email", "ugyfel@" + customerId + ".example", "backup_failed", backupFailed,
                        "app_down", true, "low_disk", false),
                "changed_at", Instant.now().toString());
    }

    public static Map<String, Object> hostReport(String hostId) {
        return Map.of("report_id", UUID.randomUUID().toString(), "host_id", hostId, "agent_version", "0.1.0",
                "sent_at", Instant.now().toString(), "cluster", "c1", "metrics",
                Map.of("memory_total", 1000, "memory_used", 500, "uptime", 60),
                "guests", List.of(Map.of("vmid", 9200, "name", "g", "status", "running")));
    }

    public static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
