package io.homefleet.hub.problem;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input on every endpoint that takes a body: a 4xx problem+json that says what is wrong,
 * nothing stored, never a 5xx.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    @Inject
    Db db;

    private String customer;
    private String customerKey;
    private String host;
    private String hostKey;

    /** An endpoint that takes a body, a valid body, and how to count what it stored. */
    record Target(String name, String path, Supplier<String> token, Supplier<Map<String, Object>> validBody,
            String countSql) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Once per class, but after Quarkus has pointed RestAssured at the test port (not so in @BeforeAll). */
    @BeforeEach
    void fleet() {
        if (customer != null) {
            return;
        }
        customer = Fleet.createCustomer(Fleet.uniqueId("bad"));
        customerKey = Fleet.customerKey(customer);
        host = Fleet.createHost(Fleet.uniqueId("bad-host"), "c1", List.of());
        hostKey = Fleet.hostKey(host);
    }

    List<Target> targets() {
        return List.of(
                new Target("report", "/api/v1/report", () -> customerKey, () -> Fleet.report(customer),
                        "SELECT count(*) FROM reports"),
                new Target("event", "/api/v1/event", () -> customerKey,
                        () -> Fleet.event(customer, "backup_completed", "info"), "SELECT count(*) FROM events"),
                new Target("host report", "/api/v1/hosts/" + host + "/report", () -> hostKey,
                        () -> Fleet.hostReport(host), "SELECT count(*) FROM host_reports"),
                new Target("customer", "/api/v1/customers", () -> Fleet.OPERATOR_TOKEN,
                        () -> Map.of("id", Fleet.uniqueId("bad-new"), "name", "New"), "SELECT count(*) FROM customers"),
                new Target("host", "/api/v1/hosts", () -> Fleet.OPERATOR_TOKEN,
                        () -> Map.of("id", Fleet.uniqueId("bad-newhost"), "hostname", "pve9"),
                        "SELECT count(*) FROM hosts"));
    }

    /** A kind of bad input, as a change to a valid body (or a replacement of it). */
    record Badness(String name, java.util.function.Function<Map<String, Object>, String> make, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String firstKey(Map<String, Object> body) {
        return body.containsKey("report_id") ? "report_id" : body.containsKey("event_id") ? "event_id" : "id";
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    static List<Badness> badnesses() {
        return List.of(
                new Badness("malformed JSON", b -> Fleet.json(b).substring(0, Fleet.json(b).length() / 2), null),
                new Badness("not an object", b -> "[1, 2, 3]", null),
                new Badness("empty body", b -> "", null),
                new Badness("wrong type", b -> Fleet.json(with(b, b.containsKey("name") ? "name" : firstKey(b),
                        Map.of("nested", true))), null),
                new Badness("missing required field", b -> Fleet.json(with(b, b.containsKey("name") && !b.containsKey(
                        "hostname") ? "name" : b.containsKey("hostname") ? "hostname" : firstKey(b), null)), null),
                new Badness("id that is not an id", b -> Fleet.json(with(b, firstKey(b),
                        firstKey(b).equals("id") ? "Not An Id!" : "not-a-uuid")), null));
    }

    Stream<Arguments> cases() {
        return targets().stream().flatMap(t -> badnesses().stream().map(b -> Arguments.of(t, b)));
    }

    @ParameterizedTest(name = "{0}: {1} → 400, nothing stored")
    @MethodSource("cases")
    void badBodyIsRefusedAndChangesNothing(Target target, Badness badness) {
        long before = db.count(target.countSql());
        as(target.token().get()).body(badness.make().apply(target.validBody().get())).post(target.path()).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", notNullValue())
                .body("detail", not(equalTo("")));
        assertEquals(before, db.count(target.countSql()), "something was stored");
    }

    Stream<Target> targetStream() {
        return targets().stream();
    }

    @ParameterizedTest(name = "{0}: body over 1 MiB → 413")
    @MethodSource("targetStream")
    void oversizeBodyIsRefused(Target target) {
        long before = db.count(target.countSql());
        Map<String, Object> body = with(target.validBody().get(), "padding", "x".repeat(1_100_000));
        as(target.token().get()).body(Fleet.json(body)).post(target.path()).then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("limit_bytes", equalTo(1048576));
        assertEquals(before, db.count(target.countSql()));
    }

    @ParameterizedTest(name = "{0}: text/plain → 415")
    @MethodSource("targetStream")
    void wrongMediaTypeIsRefused(Target target) {
        as(target.token().get()).contentType("text/plain").body(Fleet.json(target.validBody().get()))
                .post(target.path()).then().statusCode(415).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}: a valid body is accepted")
    @MethodSource("targetStream")
    void validBodyIsAccepted(Target target) {
        int status = as(target.token().get()).body(target.validBody().get()).post(target.path()).then()
                .extract().statusCode();
        org.junit.jupiter.api.Assertions.assertTrue(status == 201 || status == 202, target + " answered " + status);
    }

    @org.junit.jupiter.api.Test
    void fieldErrorsNameTheJsonPath() {
        Map<String, Object> report = with(Fleet.report(customer), "health", Map.of("status", "great"));
        as(customerKey).body(report).post("/api/v1/report").then().statusCode(400)
                .body("errors.field", hasItem("health.status"));
        Map<String, Object> negative = with(Fleet.report(customer), "storage",
                List.of(Map.of("path", "/mnt/a", "total", -5)));
        as(customerKey).body(negative).post("/api/v1/report").then().statusCode(400)
                .body("errors.field", hasItem("storage[0].total"));
    }

    @org.junit.jupiter.api.Test
    void unknownPathsAndMethodsAnswerProblems() {
        Fleet.operator().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        Fleet.operator().delete("/api/v1/report").then().statusCode(405).contentType("application/problem+json");
        Fleet.operator().get("/api/v1/customers/" + customer + "/keys/not-a-uuid").then().statusCode(405);
        Fleet.operator().delete("/api/v1/customers/" + customer + "/keys/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
        Fleet.operator().get("/api/v1/customers/no-such-customer").then().statusCode(404)
                .body("detail", equalTo("no customer 'no-such-customer'"));
        Fleet.operator().get("/api/v1/customers/" + customer + "/history?period=400d").then().statusCode(400);
    }
}
