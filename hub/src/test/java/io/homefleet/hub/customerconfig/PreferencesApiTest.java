package io.homefleet.hub.customerconfig;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /api/v1/preferences}: the customer's own notification preferences and language, from its controller's
 * Settings page, become a revision of its config made by the customer, and the desired state carries them back.
 */
@QuarkusTest
class PreferencesApiTest {
    @Inject
    Db db;

    private long revisions(String id) {
        return db.count("SELECT count(*) FROM customer_config_revisions WHERE customer_id = ?", id);
    }

    private static String managed(String prefix) {
        String id = CustomerConfigApiTest.managedCustomer(prefix);
        Fleet.operator().body(Map.of(
                        "identity", Map.of("name", "Acme Kft.", "domain", "acme.example"),
                        "infrastructure", Map.of("cloudflare_tunnel_token", "tunnel-secret"),
                        "monitoring", Map.of("disk_warn_percent", 85),
                        "notifications", Map.of("email", "ops@acme.example", "language", "hu", "sms", "+3612345678")))
                .put("/api/v1/customers/" + id + "/config").then().statusCode(200);
        return id;
    }

    @Test
    void theCustomersPreferencesBecomeARevisionByTheCustomerAndComeBackInTheDesiredState() {
        String id = managed("pref");
        String key = Fleet.customerKey(id);
        long before = revisions(id);
        long revision = ((Number) as(key).body(Fleet.preferences(id, "en", false)).put("/api/v1/preferences")
                .then().statusCode(200)
                .body("customer_id", equalTo(id))
                .body("changed", equalTo(true))
                .extract().path("revision")).longValue();
        assertEquals(before + 1, revisions(id));
        Fleet.operator().get("/api/v1/customers/" + id + "/config").then().statusCode(200)
                .body("config_revision", equalTo((int) revision))
                .body("changed_by", equalTo("customer:" + id))
                .body("source", equalTo("customer"))
                .body("config.notifications.language", equalTo("en"))
                .body("config.notifications.email", equalTo("ugyfel@" + id + ".example"))
                .body("config.notifications.backup_failed", equalTo(false))
                .body("config.notifications.app_down", equalTo(true))
                .body("config.notifications.low_disk", equalTo(false))
                // what the preferences do not name stays as the operator left it
                .body("config.notifications.sms", equalTo("+3612345678"))
                .body("config.monitoring.disk_warn_percent", equalTo(85))
                .body("config.identity.name", equalTo("Acme Kft."));
        as(key).get("/api/v1/desired-state").then().statusCode(200)
                .body("config.notifications.language", equalTo("en"))
                .body("config.notifications.backup_failed", equalTo(false))
                .body("config.infrastructure.cloudflare_tunnel_token", equalTo("tunnel-secret"));
    }

    /** The controller's spool sends again after an outage: the same preferences store nothing new. */
    @Test
    void theSamePreferencesAgainStoreNothingNew() {
        String id = managed("pref-again");
        String key = Fleet.customerKey(id);
        Object first = as(key).body(Fleet.preferences(id, "hu", true)).put("/api/v1/preferences").then()
                .statusCode(200).body("changed", equalTo(true)).extract().path("revision");
        long count = revisions(id);
        as(key).body(Fleet.preferences(id, "hu", true)).put("/api/v1/preferences").then().statusCode(200)
                .body("changed", equalTo(false)).body("revision", equalTo(first));
        assertEquals(count, revisions(id));
    }

    @Test
    void badPreferencesAre400WithEveryFieldNamedAndNothingStored() {
        String id = managed("pref-bad");
        String key = Fleet.customerKey(id);
        long count = revisions(id);
        Map<String, Object> body = new HashMap<>(Fleet.preferences(id, "de", true));
        body.put("notifications", Map.of("email", "not an address", "backup_failed", true, "app_down", true));
        String problem = as(key).body(body).put("/api/v1/preferences").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"))
                .extract().asString();
        for (String field : List.of("language", "email", "low_disk")) {
            assertTrue(problem.contains(field), () -> field + " not named in " + problem);
        }
        as(key).body(Map.of("customer_id", id)).put("/api/v1/preferences").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"));
        as(key).contentType("application/json").body("{\"customer_id\": ").put("/api/v1/preferences").then()
                .statusCode(400).contentType("application/problem+json");
        assertEquals(count, revisions(id));
        Fleet.operator().get("/api/v1/customers/" + id + "/config").then()
                .body("config.notifications.language", equalTo("hu"));
    }

    @Test
    void aReportOnlyCustomerIs409WithItsOwnType() {
        String id = CustomerConfigApiTest.managedCustomer("pref-ro");
        as(Fleet.customerKey(id)).body(Fleet.preferences(id, "hu", true)).put("/api/v1/preferences").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:customer-not-managed"))
                .body("detail", containsString("report-only"));
        assertEquals(0, revisions(id));
    }

    @Test
    void anotherCustomersPreferencesAreForbidden() {
        String id = managed("pref-own");
        String other = managed("pref-other");
        long count = revisions(other);
        as(Fleet.customerKey(id)).body(Fleet.preferences(other, "en", false)).put("/api/v1/preferences").then()
                .statusCode(403).contentType("application/problem+json");
        assertEquals(count, revisions(other));
    }
}
