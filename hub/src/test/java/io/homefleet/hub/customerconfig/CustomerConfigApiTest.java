package io.homefleet.hub.customerconfig;

import static io.homefleet.hub.support.Fleet.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.homefleet.common.credential.Tokens;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerConfigApiTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @Inject
    Db db;

    @Inject
    GeneratedConfigs generated;

    static String managedCustomer(String prefix) {
        String id = Fleet.uniqueId(prefix);
        Fleet.operator().body(Map.of("id", id, "name", "Acme " + id, "domain", "acme.example"))
                .post("/api/v1/customers").then().statusCode(201);
        return id;
    }

    static Map<String, Object> config(String tunnelToken) {
        return Map.of(
                "identity", Map.of("name", "Acme Kft.", "domain", "acme.example"),
                "infrastructure", Map.of("cloudflare_tunnel_token", tunnelToken),
                "monitoring", Map.of("disk_warn_percent", 85, "enabled", true),
                "notifications", Map.of("email", "ops@acme.example", "language", "en"));
    }

    private long revisions(String id) {
        return db.count("SELECT count(*) FROM customer_config_revisions WHERE customer_id = ?", id);
    }

    @Test
    void everyChangeIsANewRevisionAndOldOnesStayReadable() {
        String id = managedCustomer("cfg-rev");
        Fleet.operator().get("/api/v1/customers/" + id + "/config").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("report-only"));
        assertTrue(generated.current(id).isEmpty(), "a report-only customer has no generated config");

        long first = ((Number) Fleet.operator().body(config("tunnel-one")).put("/api/v1/customers/" + id + "/config")
                .then().statusCode(200)
                .body("changed_by", equalTo("operator"))
                .body("source", equalTo("operator"))
                .body("config.identity.name", equalTo("Acme Kft."))
                .body("config.infrastructure.cloudflare_tunnel_token",
                        equalTo("sha256:" + Tokens.sha256Hex("tunnel-one")))
                .body("secret_paths", hasItem("infrastructure.cloudflare_tunnel_token"))
                .extract().path("config_revision")).longValue();
        String body = Fleet.operator().get("/api/v1/customers/" + id + "/config").then().statusCode(200)
                .extract().asString();
        assertFalse(body.contains("tunnel-one"), "a secret was shown in clear");

        long second = ((Number) Fleet.operator().body(config("tunnel-two")).put("/api/v1/customers/" + id + "/config")
                .then().statusCode(200).extract().path("config_revision")).longValue();
        assertTrue(second > first);
        Fleet.operator().get("/api/v1/customers/" + id + "/config/revisions").then().statusCode(200)
                .body("$", hasSize(2)).body("[0].revision", equalTo((int) first))
                .body("[0].changed_by", equalTo("operator")).body("[0].changed_at", not(equalTo(null)));
        Fleet.operator().get("/api/v1/customers/" + id + "/config/revisions/" + first).then().statusCode(200)
                .body("config.infrastructure.cloudflare_tunnel_token",
                        equalTo("sha256:" + Tokens.sha256Hex("tunnel-one")));
        Fleet.operator().get("/api/v1/customers/" + id + "/config/revisions/abc").then().statusCode(400);
        Fleet.operator().get("/api/v1/customers/" + id + "/config/revisions/999999999").then().statusCode(404);

        GeneratedConfigs.GeneratedConfig g = generated.current(id).orElseThrow();
        assertTrue(g.revision() >= second);
        @SuppressWarnings("unchecked")
        Map<String, Object> infra = (Map<String, Object>) g.values().get("infrastructure");
        assertEquals("tunnel-two", infra.get("cloudflare_tunnel_token"));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) g.values().get("customer");
        assertEquals(Map.of("id", id, "name", "Acme Kft.", "domain", "acme.example"), customer);
        assertTrue(g.secretPaths().contains("web.session_secret"));
        assertTrue(g.secretPaths().contains("infrastructure.cloudflare_tunnel_token"));
        assertTrue(g.values().containsKey("docker"), "the template's keys are merged in");
        @SuppressWarnings("unchecked")
        Map<String, Object> hub = (Map<String, Object>) g.values().get("hub");
        assertTrue(hub == null || (!"".equals(hub.get("url")) && !hub.containsKey("trust")),
                "the template's empty placeholders are left out, never sent as values: " + hub);
    }

    @Test
    void aSecretSentBackAsItsDigestIsKeptAndAWrongDigestIsRefused() {
        String id = managedCustomer("cfg-digest");
        Fleet.operator().body(config("tunnel-secret")).put("/api/v1/customers/" + id + "/config").then()
                .statusCode(200);
        Fleet.operator().body(config("sha256:" + Tokens.sha256Hex("tunnel-secret")))
                .put("/api/v1/customers/" + id + "/config").then().statusCode(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> infra = (Map<String, Object>) generated.current(id).orElseThrow().values()
                .get("infrastructure");
        assertEquals("tunnel-secret", infra.get("cloudflare_tunnel_token"));
        long before = revisions(id);
        Fleet.operator().body(config("sha256:" + Tokens.sha256Hex("something-else")))
                .put("/api/v1/customers/" + id + "/config").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"))
                .body("errors[0].field", equalTo("infrastructure.cloudflare_tunnel_token"));
        assertEquals(before, revisions(id));
    }

    @Test
    void badDocumentsAreRefusedAndNothingIsStored() {
        String id = managedCustomer("cfg-bad");
        String path = "/api/v1/customers/" + id + "/config";
        Fleet.operator().body(Map.of("identity", Map.of("name", "X"), "tunnel", "t")).put(path).then()
                .statusCode(400).body("type", equalTo("urn:homefleet:problem:invalid-fields"))
                .body("detail", containsString("tunnel: unknown field"));
        Fleet.operator().body(Map.of("identity", Map.of("name", "X", "nickname", "x"))).put(path).then()
                .statusCode(400).body("errors.field", hasItem("identity.nickname"));
        Fleet.operator().body(Map.of("identity", Map.of("domain", "Not A Domain"))).put(path).then()
                .statusCode(400).body("errors.field", hasItem("identity.domain"));
        Fleet.operator().body(Map.of("infrastructure", Map.of("Tunnel-Token", "x", "ok", 5))).put(path).then()
                .statusCode(400).body("errors.field", hasItem("infrastructure.Tunnel-Token"))
                .body("errors.field", hasItem("infrastructure.ok"));
        Fleet.operator().body(Map.of("monitoring", Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", 1)))))))
                .put(path).then().statusCode(400).body("detail", containsString("nested deeper"));
        Fleet.operator().body(List.of(1, 2)).put(path).then().statusCode(400);
        Fleet.operator().body("{\"identity\": {\"name\": \"X\"").put(path).then().statusCode(400)
                .contentType("application/problem+json");
        Fleet.operator().body("{\"identity\": {}, \"identity\": {}}").put(path).then().statusCode(400);
        Fleet.operator().body("{\"monitoring\": {\"x\": \"" + "a".repeat(1_100_000) + "\"}}").put(path).then()
                .statusCode(413).contentType("application/problem+json");
        Fleet.operator().contentType("text/plain").body("identity: {}").put(path).then().statusCode(415);
        Fleet.operator().body(config("t")).put("/api/v1/customers/no-such-customer-x/config").then().statusCode(404);
        assertEquals(0, revisions(id));
        assertEquals(0, db.count("SELECT count(*) FROM customer_configs WHERE customer_id = ?", id));
    }

    @Test
    void retrievalReturnsTheGeneratedControllerYamlWithAWorkingCustomerKey() throws Exception {
        String id = managedCustomer("cfg-get");
        Fleet.operator().body(config("tunnel-clear")).put("/api/v1/customers/" + id + "/config").then()
                .statusCode(200);
        given().header("X-Retrieval-Password", "whatever").get("/api/v1/config/" + id).then().statusCode(401)
                .contentType("application/problem+json");
        String password = Fleet.operator().post("/api/v1/customers/" + id + "/config/retrieval-password").then()
                .statusCode(201).extract().path("retrieval_password");
        assertTrue(db.strings("SELECT encode(retrieval_password_hash, 'hex') FROM customer_configs "
                + "WHERE customer_id = ?", id).get(0).equals(Tokens.sha256Hex(password)), "stored as its SHA-256");

        String yaml = given().header("X-Retrieval-Password", password).get("/api/v1/config/" + id).then()
                .statusCode(200).contentType(startsWith("application/yaml")).header("Cache-Control", "no-store")
                .extract().asString();
        Map<?, ?> values = YAML.readValue(yaml, Map.class);
        assertEquals(Map.of("id", id, "name", "Acme Kft.", "domain", "acme.example"), values.get("customer"));
        Map<?, ?> hub = (Map<?, ?>) values.get("hub");
        String key = (String) hub.get("customer_key");
        assertTrue(key.startsWith("hfc_"), "the customer's own key: " + Tokens.hint(key));
        assertTrue(((String) hub.get("url")).startsWith("http"), "hub.url: " + hub.get("url"));
        assertEquals("tunnel-clear", ((Map<?, ?>) values.get("infrastructure")).get("cloudflare_tunnel_token"));
        assertTrue(((Map<?, ?>) values.get("web")).get("session_secret").toString().length() >= 40);
        assertEquals(true, ((Map<?, ?>) values.get("monitoring")).get("enabled"));
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);

        // The next retrieval revokes the key the previous one issued: keys are not piled up.
        String again = (String) ((Map<?, ?>) YAML.readValue(given().header("X-Retrieval-Password", password)
                .get("/api/v1/config/" + id).then().statusCode(200).extract().asString(), Map.class).get("hub"))
                .get("customer_key");
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(401);
        as(again).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        assertEquals(1, db.count("SELECT count(*) FROM credentials WHERE customer_id = ? AND revoked_at IS NULL", id));
    }

    @Test
    void wrongPasswordsAreRefusedAndRateLimited() {
        String id = managedCustomer("cfg-rate");
        Fleet.operator().body(config("t")).put("/api/v1/customers/" + id + "/config").then().statusCode(200);
        String password = Fleet.operator().post("/api/v1/customers/" + id + "/config/retrieval-password").then()
                .statusCode(201).extract().path("retrieval_password");
        given().get("/api/v1/config/" + id).then().statusCode(401).body("detail", containsString("X-Retrieval-Password"));
        given().header("X-Retrieval-Password", password).get("/api/v1/config/no-such-customer").then().statusCode(401)
                .body("detail", equalTo("unknown customer or wrong retrieval password"));
        for (int i = 0; i < 5; i++) {
            given().header("X-Retrieval-Password", password + "x").get("/api/v1/config/" + id).then().statusCode(401)
                    .body("detail", equalTo("unknown customer or wrong retrieval password"));
        }
        given().header("X-Retrieval-Password", password).get("/api/v1/config/" + id).then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", not(equalTo(null)))
                .body("type", equalTo("urn:homefleet:problem:rate-limited"));
        assertEquals(0, db.count("SELECT count(*) FROM credentials WHERE customer_id = ?", id),
                "no key was issued to a refused or limited retrieval");
        // A new password (the operator's answer to a leak or a lock-out) resets the count.
        String fresh = Fleet.operator().post("/api/v1/customers/" + id + "/config/retrieval-password").then()
                .statusCode(201).extract().path("retrieval_password");
        given().header("X-Retrieval-Password", password).get("/api/v1/config/" + id).then().statusCode(401);
        given().header("X-Retrieval-Password", fresh).get("/api/v1/config/" + id).then().statusCode(200);
    }

    @Test
    void createConfigFromTheLastReportThenPullTheControllersLiveValues() {
        String id = managedCustomer("cfg-pull");
        Fleet.operator().post("/api/v1/customers/" + id + "/config/from-report").then().statusCode(409)
                .body("detail", containsString("no report"));
        String key = Fleet.customerKey(id);
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        Fleet.operator().post("/api/v1/customers/" + id + "/config/pull").then().statusCode(404);
        Fleet.operator().post("/api/v1/customers/" + id + "/config/from-report").then().statusCode(201)
                .body("source", equalTo("from_report"))
                .body("config.identity.name", equalTo("Acme " + id))
                .body("config.identity.domain", equalTo("acme.example"))
                .body("config.monitoring.enabled", equalTo(true));
        Fleet.operator().post("/api/v1/customers/" + id + "/config/from-report").then().statusCode(409);
        Fleet.operator().post("/api/v1/customers/" + id + "/config/pull").then().statusCode(409)
                .body("detail", containsString("config_values"));

        Fleet.operator().body(config("tunnel-live")).put("/api/v1/customers/" + id + "/config").then().statusCode(200);
        // What the controller reports as its live values (secrets as digests), in the last stored report.
        String live = Fleet.json(Map.of(
                "customer.id", id,
                "customer.name", "Acme Renamed",
                "monitoring.disk_warn_percent", 90,
                "notifications.language", "hu",
                "infrastructure.cloudflare_tunnel_token", "sha256:" + Tokens.sha256Hex("tunnel-live"),
                "web.session_secret", "sha256:" + Tokens.sha256Hex("whatever"),
                "web.listen", "0.0.0.0:9999"));
        assertEquals(1, db.update("UPDATE reports SET body = jsonb_set(body, '{config_values}', ?::jsonb) "
                + "WHERE id = (SELECT last_report_pk FROM customers WHERE id = ?)", live, id));
        long before = revisions(id);
        Fleet.operator().post("/api/v1/customers/" + id + "/config/pull").then().statusCode(200)
                .body("changed", equalTo(true))
                .body("config.source", equalTo("pulled"))
                .body("config.config.identity.name", equalTo("Acme Renamed"))
                .body("config.config.monitoring.disk_warn_percent", equalTo(90))
                .body("config.config.notifications.language", equalTo("hu"))
                .body("config.config.notifications.email", equalTo("ops@acme.example"))
                .body("taken", hasItem("infrastructure.cloudflare_tunnel_token"))
                .body("not_taken.key", hasItem("web.listen"))
                .body("not_taken.key", hasItem("web.session_secret"));
        assertEquals(before + 1, revisions(id));
        Fleet.operator().post("/api/v1/customers/" + id + "/config/pull").then().statusCode(200)
                .body("changed", equalTo(false));
        assertEquals(before + 1, revisions(id));

        Fleet.operator().delete("/api/v1/customers/" + id + "/config").then().statusCode(204);
        Fleet.operator().get("/api/v1/customers/" + id + "/config").then().statusCode(404);
        assertTrue(generated.current(id).isEmpty());
        assertEquals(0, revisions(id));
        Fleet.operator().delete("/api/v1/customers/" + id + "/config").then().statusCode(404);
    }

    @Test
    void concurrentChangesEachBecomeARevision() throws Exception {
        String id = managedCustomer("cfg-race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> puts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String token = "tunnel-" + i;
                puts.add(() -> Fleet.operator().body(config(token)).put("/api/v1/customers/" + id + "/config")
                        .then().extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(puts)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, revisions(id));
        assertEquals(1, db.count("SELECT count(*) FROM customer_configs c WHERE customer_id = ? AND current_revision = "
                + "(SELECT max(revision) FROM customer_config_revisions WHERE customer_id = c.customer_id)", id));
    }
}
