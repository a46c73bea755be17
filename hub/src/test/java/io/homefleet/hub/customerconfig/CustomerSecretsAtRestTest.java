package io.homefleet.hub.customerconfig;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.secrets.StoredSecrets;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Customers' secrets are sealed in PostgreSQL (a dump holds no tunnel token and no session secret), given back in
 * clear only in the desired state, and values an earlier version stored in clear are sealed at start.
 */
@QuarkusTest
class CustomerSecretsAtRestTest {
    @Inject
    Db db;

    @Inject
    HubConfig hub;

    @Inject
    CustomerConfigService configs;

    @Inject
    io.homefleet.hub.desired.PinService pins;

    private String text(String sql, Object... args) {
        return db.strings(sql, args).get(0);
    }

    private static String managed(String id, String token) {
        Fleet.createCustomer(id);
        Fleet.operator().body(Map.of("identity", Map.of("name", "Sealed " + id, "domain", id + ".example.eu"),
                        "infrastructure", Map.of("tunnel_token", token)))
                .put("/api/v1/customers/" + id + "/config").then().statusCode(200);
        return id;
    }

    @Test
    void theDatabaseHoldsNoSecretInClearAndTheControllerGetsThemInClear() throws Exception {
        String token = "tunnel-" + UUID.randomUUID();
        String id = managed(Fleet.uniqueId("sealed"), token);
        String body = text("SELECT string_agg(body::text, ' ') FROM customer_config_revisions WHERE customer_id = ?",
                id);
        assertFalse(body.contains(token), "the tunnel token is in clear in the database: " + body);
        assertTrue(body.contains("hfsealed:v1:"), body);
        String session = text("SELECT session_secret FROM customer_configs WHERE customer_id = ?", id);
        assertTrue(session.startsWith("hfsealed:v1:"), "the session secret is sealed");

        String sessionInClear = as(Fleet.customerKey(id)).get("/api/v1/desired-state").then().statusCode(200)
                .body("config.infrastructure.tunnel_token", equalTo(token))
                .extract().path("config.web.session_secret");
        assertTrue(sessionInClear != null && !sessionInClear.startsWith("hfsealed:"), sessionInClear);
        Fleet.operator().get("/api/v1/customers/" + id + "/config").then().statusCode(200)
                .body("config.infrastructure.tunnel_token", org.hamcrest.Matchers.startsWith("sha256:"));

        Path keyFile = Path.of(hub.dataDir()).toAbsolutePath().resolve(StoredSecrets.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @Test
    void valuesStoredInClearByAnEarlierVersionAreSealedAndStillServed() {
        String id = managed(Fleet.uniqueId("legacy"), "replaced-below");
        // What a hub before encryption at rest wrote: the values themselves.
        db.update("UPDATE customer_config_revisions SET body = jsonb_set(body, '{infrastructure,tunnel_token}', "
                + "'\"legacy-tunnel\"') WHERE customer_id = ?", id);
        db.update("UPDATE customer_configs SET session_secret = 'legacy-session' WHERE customer_id = ?", id);
        String key = Fleet.customerKey(id);
        as(key).get("/api/v1/desired-state").then().statusCode(200)
                .body("config.infrastructure.tunnel_token", equalTo("legacy-tunnel"))
                .body("config.web.session_secret", equalTo("legacy-session"));

        assertTrue(configs.sealStoredSecrets() >= 2);
        assertFalse(text("SELECT body::text FROM customer_config_revisions WHERE customer_id = ?", id)
                .contains("legacy-tunnel"));
        assertNotEquals("legacy-session", text("SELECT session_secret FROM customer_configs WHERE customer_id = ?",
                id));
        as(key).get("/api/v1/desired-state").then().statusCode(200)
                .body("config.infrastructure.tunnel_token", equalTo("legacy-tunnel"))
                .body("config.web.session_secret", equalTo("legacy-session"));
        assertEquals(0, configs.sealStoredSecrets(), "a second pass finds nothing in clear");
    }

    @Test
    void aPinnedAppsPasswordIsSealedAndOnlyTheControllerGetsItInClear() {
        String app = Fleet.uniqueId("eu.homefleet.sealed");
        io.homefleet.hub.support.CatalogFiles.upload(io.homefleet.hub.support.CatalogFiles.nextcloudAs(app)).then()
                .statusCode(201);
        String id = Fleet.createCustomer(Fleet.uniqueId("pinsealed"));
        String password = "pw-" + UUID.randomUUID();
        Fleet.operator().body(Map.of("version", "29.0.4", "settings", Map.of("admin_password", password)))
                .put("/api/v1/customers/" + id + "/apps/" + app).then().statusCode(200);
        String stored = text("SELECT settings FROM app_pins WHERE customer_id = ?", id);
        assertFalse(stored.contains(password), "the app password is in clear in the database: " + stored);
        assertTrue(stored.contains("hfsealed:v1:"), stored);
        String key = Fleet.customerKey(id);
        as(key).get("/api/v1/desired-state").then().statusCode(200)
                .body("apps[0].settings.admin_password", equalTo(password));

        // What a hub before encryption at rest wrote, sealed at the next start.
        db.update("UPDATE app_pins SET settings = '{\"admin_password\":\"legacy-pw\"}' WHERE customer_id = ?", id);
        as(key).get("/api/v1/desired-state").then().body("apps[0].settings.admin_password", equalTo("legacy-pw"));
        assertTrue(pins.sealStoredSecrets() >= 1);
        assertFalse(text("SELECT settings FROM app_pins WHERE customer_id = ?", id).contains("legacy-pw"));
        as(key).get("/api/v1/desired-state").then().body("apps[0].settings.admin_password", equalTo("legacy-pw"));
        Fleet.operator().get("/api/v1/customers/" + id + "/apps").then().statusCode(200)
                .body("[0].settings.admin_password", equalTo("(set)"));
    }
}
