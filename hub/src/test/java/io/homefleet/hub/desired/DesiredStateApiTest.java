package io.homefleet.hub.desired;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.SecretDigest;
import io.homefleet.hub.support.CatalogFiles;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Eventually;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pull: ETags and 304s, what changes a revision, pins, and the value-based sync state. */
@QuarkusTest
class DesiredStateApiTest {
    private static final String TUNNEL_TOKEN = "tunnel-secret-" + UUID.randomUUID();

    @Inject
    Db db;

    static Response pull(String key, String etag) {
        var spec = as(key);
        if (etag != null) {
            spec = spec.header("If-None-Match", etag);
        }
        return spec.get("/api/v1/desired-state");
    }

    private static String managedCustomer(String id) {
        Fleet.createCustomer(id);
        Fleet.operator().body(Map.of("identity", Map.of("name", "Managed " + id, "domain", id + ".example.eu"),
                        "infrastructure", Map.of("tunnel_token", TUNNEL_TOKEN),
                        "monitoring", Map.of("ignored_containers", List.of("alpha", "beta", "gamma")),
                        "notifications", Map.of("language", "hu")))
                .put("/api/v1/customers/" + id + "/config").then().statusCode(200);
        return id;
    }

    @Test
    void aManagedCustomerPullsItsConfigAndTheSameStateIs304() {
        String id = managedCustomer(Fleet.uniqueId("desired"));
        String key = Fleet.customerKey(id);
        Response first = pull(key, null);
        first.then().statusCode(200).contentType("application/json")
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("config.customer.id", equalTo(id))
                .body("config.infrastructure.tunnel_token", equalTo(TUNNEL_TOKEN))
                .body("apps.size()", equalTo(0))
                .body("controller.target_version", nullValue());
        String etag = first.header("ETag");
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), "strong ETag: " + etag);
        long revision = first.<Number>path("revision").longValue();
        Response again = pull(key, etag);
        again.then().statusCode(304).header("ETag", equalTo(etag));
        assertEquals("", again.asString());
        pull(key, "W/" + etag).then().statusCode(304);
        pull(key, "\"other\", " + etag).then().statusCode(304);
        pull(key, "\"0-0\"").then().statusCode(200).header("ETag", equalTo(etag))
                .body("revision", equalTo((int) revision));

        // A config change: new revision, new ETag, the old one no longer matches.
        Fleet.operator().body(Map.of("identity", Map.of("name", "Managed " + id, "domain", id + ".example.eu"),
                        "infrastructure", Map.of("tunnel_token", TUNNEL_TOKEN),
                        "monitoring", Map.of("ignored_containers", List.of("alpha", "beta", "gamma")),
                        "notifications", Map.of("language", "en")))
                .put("/api/v1/customers/" + id + "/config").then().statusCode(200);
        Response changed = pull(key, etag);
        changed.then().statusCode(200).body("config.notifications.language", equalTo("en"));
        assertNotEquals(etag, changed.header("ETag"));
        assertTrue(changed.<Number>path("revision").longValue() > revision);
    }

    @Test
    void aReportOnlyCustomerGetsNoConfigButTheCatalog() {
        String id = Fleet.createCustomer(Fleet.uniqueId("report-only"));
        String app = Fleet.uniqueId("eu.felhom.ro");
        CatalogFiles.upload(CatalogFiles.nextcloudAs(app)).then().statusCode(201);
        pull(Fleet.customerKey(id), null).then().statusCode(200)
                .body("config", nullValue())
                .body("catalog.id", hasItem(app))
                .body("revision", equalTo(1));
    }

    @Test
    void changesMadeByAnotherReplicaReachTheNextPollThroughNotifications() throws Exception {
        String id = Fleet.createCustomer(Fleet.uniqueId("notify"));
        String key = Fleet.customerKey(id);
        String etag = pull(key, null).then().statusCode(200).extract().header("ETag");
        pull(key, etag).then().statusCode(304);
        // Written straight to PostgreSQL, as another replica would: only the NOTIFY tells this replica.
        db.update("INSERT INTO controller_targets (customer_id, target_version, set_at, set_by) "
                + "VALUES (?, '9.9.9', now(), 'operator')", id);
        assertTrue(Eventually.within(Duration.ofSeconds(5), Duration.ofMillis(20),
                () -> pull(key, etag).statusCode() == 200));
        pull(key, null).then().body("controller.target_version", equalTo("9.9.9"));
    }

    @Test
    void pinsAreCheckedAgainstTheCatalogAndReachTheController() {
        String id = Fleet.createCustomer(Fleet.uniqueId("pins"));
        String key = Fleet.customerKey(id);
        String app = Fleet.uniqueId("eu.felhom.pin");
        CatalogFiles.upload(CatalogFiles.nextcloudAs(app)).then().statusCode(201);
        String etag = pull(key, null).header("ETag");
        String path = "/api/v1/customers/" + id + "/apps/" + app;
        Fleet.operator().body(Map.of("version", "1.0.0")).put(path).then().statusCode(404)
                .contentType("application/problem+json");
        Fleet.operator().body(Map.of("version", "latest")).put(path).then().statusCode(400);
        // A JSON text, not Map.of: the problems follow the order of the settings sent, which Map.of randomises.
        Fleet.operator().body("{\"version\": \"29.0.4\", \"settings\": {\"colour\": \"red\", \"upload_limit_mb\": \"lots\"}}")
                .put(path).then().statusCode(400)
                .body("errors.field", equalTo(List.of("settings.colour", "settings.upload_limit_mb",
                        "settings.admin_password")));
        Fleet.operator().body("{not json").put(path).then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:malformed-body"));
        Fleet.operator().get("/api/v1/customers/" + id + "/apps").then().statusCode(200).body("size()", equalTo(0));
        pull(key, etag).then().statusCode(304);

        Fleet.operator().body(Map.of("version", "29.0.4", "settings", Map.of("admin_password", "s3cret-pw",
                "language", "en"))).put(path).then().statusCode(200)
                .body("settings.admin_password", equalTo("(set)"));
        Fleet.operator().get("/api/v1/customers/" + id + "/apps").then().statusCode(200)
                .body("[0].app_id", equalTo(app)).body("[0].settings.admin_password", equalTo("(set)"));
        pull(key, etag).then().statusCode(200)
                .body("apps[0].id", equalTo(app)).body("apps[0].version", equalTo("29.0.4"))
                .body("apps[0].settings.admin_password", equalTo("s3cret-pw"));
        // A pinned version cannot leave the catalog.
        Fleet.operator().delete("/api/v1/catalog/apps/" + app).then().statusCode(409);
        Fleet.operator().delete(path).then().statusCode(204);
        Fleet.operator().delete(path).then().statusCode(404);
        Fleet.operator().delete("/api/v1/catalog/apps/" + app).then().statusCode(204);
    }

    @Test
    void syncIsValueBasedOrderInsensitiveAndNeverShowsSecrets() {
        String id = managedCustomer(Fleet.uniqueId("sync"));
        String key = Fleet.customerKey(id);
        Response pulled = pull(key, null);
        long revision = pulled.<Number>path("revision").longValue();
        Map<String, Object> config = pulled.path("config");

        Fleet.operator().get("/api/v1/customers/" + id + "/sync").then().statusCode(200)
                .body("state", equalTo("pending")).body("managed", equalTo(true))
                .body("desired_revision", equalTo((int) revision));

        // The controller applied it: every value as desired, secrets as digests, a list in another order.
        Map<String, Object> values = flattenedAsReported(config);
        values.put("monitoring.ignored_containers", List.of("gamma", "alpha", "beta"));
        values.put("runtime.started_at", "2026-06-11T10:00:00Z");
        report(key, id, revision, values);
        Response sync = Fleet.operator().get("/api/v1/customers/" + id + "/sync");
        sync.then().statusCode(200).body("state", equalTo("in_sync"))
                .body("applied_revision", equalTo((int) revision))
                .body("keys.find { it.key == 'infrastructure.tunnel_token' }.secret", equalTo(true))
                .body("keys.find { it.key == 'infrastructure.tunnel_token' }.state", equalTo("in_sync"));
        assertFalse(sync.asString().contains(TUNNEL_TOKEN), "a secret was shown");
        assertFalse(sync.asString().contains(SecretDigest.of(TUNNEL_TOKEN)), "a secret's digest was shown");

        // Same revision applied, but a value changed on the guest: drifted, naming the key and both values.
        values.put("notifications.language", "de");
        values.put("infrastructure.tunnel_token", SecretDigest.of("another"));
        report(key, id, revision, values);
        sync = Fleet.operator().get("/api/v1/customers/" + id + "/sync");
        sync.then().body("state", equalTo("drifted"))
                .body("keys.find { it.key == 'notifications.language' }.state", equalTo("differs"))
                .body("keys.find { it.key == 'notifications.language' }.desired", equalTo("hu"))
                .body("keys.find { it.key == 'notifications.language' }.reported", equalTo("de"))
                .body("keys.find { it.key == 'infrastructure.tunnel_token' }.state", equalTo("differs"))
                .body("keys.find { it.key == 'infrastructure.tunnel_token' }.reported", nullValue());
        assertFalse(sync.asString().contains(SecretDigest.of("another")));

        // A new target version: a newer revision the controller has not applied yet → pending.
        db.update("INSERT INTO controller_targets (customer_id, target_version, set_at, set_by) "
                + "VALUES (?, '0.40.0', now(), 'operator')", id);
        Fleet.operator().get("/api/v1/customers/" + id + "/sync").then()
                .body("state", equalTo("pending"))
                .body("controller.target", equalTo("0.40.0"))
                .body("controller.running", equalTo("0.39.1"))
                .body("desired_revision", equalTo((int) revision + 1));
    }

    @Test
    void syncOfAnUnknownCustomerIs404() {
        Fleet.operator().get("/api/v1/customers/no-such-customer-x/sync").then().statusCode(404)
                .contentType("application/problem+json");
        Fleet.operator().get("/api/v1/customers/Bad_Id/sync").then().statusCode(400);
        Fleet.operator().get("/api/v1/customers/no-such-customer-x/apps").then().statusCode(404);
    }

    /** What a controller reports: dotted keys, secrets as digests. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> flattenedAsReported(Map<String, Object> config) {
        Map<String, Object> flat = new TreeMap<>();
        flatten("", config, flat);
        Map<String, Object> reported = new HashMap<>();
        flat.forEach((k, v) -> reported.put(k, (k.startsWith("infrastructure.") || k.equals("web.session_secret"))
                && v != null ? SecretDigest.of(String.valueOf(v)) : v));
        return reported;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> into) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                flatten(key, (Map<String, Object>) m, into);
            } else {
                into.put(key, v);
            }
        });
    }

    private static void report(String key, String customer, long revision, Map<String, Object> values) {
        Map<String, Object> body = new HashMap<>(Fleet.report(customer));
        body.put("applied_revision", revision);
        body.put("config_values", values);
        body.put("installed_apps", List.of(Map.of("id", "org.icewhale.vaultwarden", "version", "1.36.0")));
        as(key).body(body).post("/api/v1/report").then().statusCode(202);
    }
}
