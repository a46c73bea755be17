package io.homefleet.hub.problem;

import io.homefleet.service.testing.ErrorLog;
import static io.homefleet.hub.support.Fleet.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub answers each kind of refusal with the shared type and title, exactly as the agent does for the same
 * situation (the agent's SharedProblemsTest asserts the same table), and bad input is a 4xx, never an outage.
 */
@QuarkusTest
class SharedProblemsTest {
    private static final String REPORT = "/api/v1/report";

    @Inject
    Db db;

    @TestHTTPResource("/")
    URL root;

    private static String customer;
    private static String customerKey;
    private static String hostKey;

    @BeforeEach
    void fleet() {
        if (customer == null) {
            customer = Fleet.createCustomer(Fleet.uniqueId("shared"));
            customerKey = Fleet.customerKey(customer);
            hostKey = Fleet.hostKey(Fleet.createHost(Fleet.uniqueId("shared-host"), "c1", List.of()));
        }
    }

    static ValidatableResponse problem(ValidatableResponse response, ProblemType type) {
        return response.statusCode(type.status()).contentType("application/problem+json")
                .body("type", equalTo(type.uri()))
                .body("title", equalTo(type.title()));
    }

    private Map<String, Object> report(String key, Object value) {
        Map<String, Object> report = new HashMap<>(Fleet.report(customer));
        report.put(key, value);
        return report;
    }

    private long reports() {
        return db.count("SELECT count(*) FROM reports WHERE customer_id = ?", customer);
    }

    @Test
    void noTokenIs401() {
        problem(given().contentType(ContentType.JSON).body(Fleet.report(customer)).post(REPORT).then(),
                ProblemType.UNAUTHENTICATED).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aTokenOfTheWrongKindIs403() {
        problem(as(hostKey).body(Fleet.report(customer)).post(REPORT).then(), ProblemType.WRONG_CREDENTIAL_KIND)
                .body("detail", equalTo("host key used where a customer key is required"));
    }

    @Test
    void malformedJsonIs400() {
        problem(as(customerKey).body("{\"report_id\": ").post(REPORT).then(), ProblemType.MALFORMED_BODY);
    }

    @Test
    void typeErrorsAndAnArrayBodyAreProblems() {
        problem(as(customerKey).body(report("monitoring_enabled", Map.of("x", 1))).post(REPORT).then(),
                ProblemType.INVALID_FIELDS).body("errors.field", hasItem("monitoring_enabled"));
        problem(as(customerKey).body("[1, 2]").post(REPORT).then(), ProblemType.MALFORMED_BODY);
    }

    /** Issue 10 item 8: duplicate keys were a bare 500 with an empty body. */
    @Test
    void aDuplicateKeyIs400() {
        String body = Fleet.json(Fleet.report(customer));
        String twice = "{\"customer_id\":\"" + customer + "\"," + body.substring(1);
        long before = reports();
        problem(as(customerKey).body(twice).post(REPORT).then(), ProblemType.MALFORMED_BODY)
                .body("detail", containsString("customer_id"));
        problem(Fleet.operator().body("{\"id\":\"dup-a\",\"id\":\"dup-b\",\"name\":\"D\"}").post("/api/v1/customers")
                .then(), ProblemType.MALFORMED_BODY);
        assertEquals(before, reports());
    }

    /** Issue 10 item 6: a NUL or a year-10000 timestamp in a report, event or host report was a 503. */
    @Test
    void nulAndOutOfRangeTimestampsInIngestAre400NamingTheField() {
        long before = reports();
        problem(as(customerKey).body(report("controller_version", "0.39\u00001")).post(REPORT).then(),
                ProblemType.INVALID_FIELDS).body("errors.field", hasItem("controller_version"));
        problem(as(customerKey).body(report("sent_at", "+10000-01-01T00:00:00Z")).post(REPORT).then(),
                ProblemType.INVALID_FIELDS).body("errors.field", hasItem("sent_at"));
        assertEquals(before, reports());

        Map<String, Object> event = new HashMap<>(Fleet.event(customer, "backup_completed", "info"));
        event.put("details", Map.of("app", "next\u0000cloud"));
        problem(as(customerKey).body(event).post("/api/v1/event").then(), ProblemType.INVALID_FIELDS)
                .body("detail", containsString("app"));

        String host = Fleet.createHost(Fleet.uniqueId("nul-host"), "c1", List.of());
        Map<String, Object> hostReport = new HashMap<>(Fleet.hostReport(host));
        hostReport.put("sent_at", "+10000-01-01T00:00:00Z");
        problem(as(Fleet.hostKey(host)).body(hostReport).post("/api/v1/hosts/" + host + "/report").then(),
                ProblemType.INVALID_FIELDS).body("errors.field", hasItem("sent_at"));
    }

    /** Issue 10 item 7: a NUL in an operator body (customer name, host cluster) was a 500. */
    @Test
    void nulInOperatorBodiesIs400() {
        problem(Fleet.operator().body(Map.of("id", Fleet.uniqueId("nul"), "name", "A\u0000B")).post("/api/v1/customers")
                .then(), ProblemType.INVALID_FIELDS).body("errors.field", hasItem("name"));
        problem(Fleet.operator().body(Map.of("id", Fleet.uniqueId("nulh"), "hostname", "pve", "cluster", "c\u00001"))
                .post("/api/v1/hosts").then(), ProblemType.INVALID_FIELDS).body("errors.field", hasItem("cluster"));
    }

    @Test
    void aBodyOverTheLimitIs413() {
        problem(as(customerKey).body(report("padding", "x".repeat(1_100_000))).post(REPORT).then(),
                ProblemType.BODY_TOO_LARGE).body("limit_bytes", equalTo(1048576))
                .body("detail", containsString("1048576 bytes (1 MiB)"));
    }

    /** Issue 10 item 10: a chunked body over the limit was an empty 413 and two ERROR stack traces. */
    @Test
    void aChunkedBodyOverTheLimitIs413ProblemWithoutErrorLog() throws Exception {
        try (ErrorLog errors = ErrorLog.capture()) {
            byte[] big = Fleet.json(report("padding", "x".repeat(1_100_000))).getBytes();
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(root.toURI().resolve("api/v1/report"))
                                    .header("Authorization", "Bearer " + customerKey)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains(ProblemType.BODY_TOO_LARGE.uri()), response.body());
            Thread.sleep(300);
            assertTrue(errors.lines().isEmpty(), () -> "logged: " + errors.lines());
        }
    }

    /** Issue 10 item 10: a body with no Content-Type was read as JSON. */
    @Test
    void aBodyWithoutContentTypeIs415() {
        long before = reports();
        problem(given().header("Authorization", "Bearer " + customerKey).body(Fleet.json(Fleet.report(customer))
                .getBytes()).post(REPORT).then(), ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertEquals(before, reports());
    }

    /** Issue 10 item 10: an unsupported Content-Type was answered 415 before the token was checked. */
    @Test
    void anUnsupportedContentTypeIsAnsweredOnlyAfterAuthentication() {
        problem(given().contentType(ContentType.TEXT).body("x").post(REPORT).then(), ProblemType.UNAUTHENTICATED);
        problem(given().header("Authorization", "Bearer hfc_" + "Z".repeat(43)).contentType(ContentType.TEXT).body("x")
                .post(REPORT).then(), ProblemType.UNAUTHENTICATED);
        problem(as(customerKey).contentType(ContentType.TEXT).body("x").post(REPORT).then(),
                ProblemType.UNSUPPORTED_MEDIA_TYPE);
    }

    /** Issue 10 item 10: /q/metrics echoed raw request paths, NUL bytes included, as label values. */
    @Test
    void metricsDoNotEchoRawRequestPaths() {
        given().urlEncodingEnabled(false).get("/x%00y/abc").then().statusCode(404);
        given().urlEncodingEnabled(false).body("x".repeat(1_100_000)).post("/x%00y/oversize").then().statusCode(413);
        Fleet.operator().urlEncodingEnabled(false).patch("/api/v1/customers/x%00y").then().statusCode(405);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains("x%00y") || metrics.contains("x\u0000y") || metrics.contains("oversize"),
                "raw paths in /q/metrics");
    }
}
