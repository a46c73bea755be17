package io.homefleet.hub.host;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A host key reports its host; it never decides cluster membership nor stores names a proxy cannot use. */
@QuarkusTest
class HostReportIntegrityTest {
    @Inject
    Db db;

    private static Map<String, Object> report(String host, Map<String, Object> changes) {
        Map<String, Object> report = new HashMap<>(Fleet.hostReport(host));
        report.remove("cluster");
        report.putAll(changes);
        return report;
    }

    @Test
    void aReportNamingAnotherClusterDoesNotMoveTheHost() {
        String mine = Fleet.uniqueId("home");
        String theirs = Fleet.uniqueId("victim");
        String host = Fleet.createHost(Fleet.uniqueId("pve-mover"), mine, List.of("10.20.0.1"));
        Fleet.createHost(Fleet.uniqueId("pve-victim"), theirs, List.of("10.21.0.1"));
        String before = db.strings("SELECT hash FROM temperature_proxy_lists WHERE scope = ?", "cluster:" + theirs)
                .get(0);
        String key = Fleet.hostKey(host);

        as(key).body(report(host, Map.of("cluster", theirs, "node", "pve-mover", "addresses", List.of("10.20.0.9"))))
                .post("/api/v1/hosts/" + host + "/report").then().statusCode(202)
                .body("stored", equalTo(true))
                .body("warnings[0]", containsString("cluster '" + theirs + "' in the report was ignored"));

        Fleet.operator().get("/api/v1/hosts/" + host).then().statusCode(200)
                .body("cluster", equalTo(mine))
                .body("node", equalTo("pve-mover"))
                .body("addresses", contains("10.20.0.9"));
        assertEquals(0, db.count("SELECT count(*) FROM hosts WHERE cluster = ? AND id = ?", theirs, host));
        assertEquals(List.of(before),
                db.strings("SELECT hash FROM temperature_proxy_lists WHERE scope = ?", "cluster:" + theirs));
        // Its own cluster named: no warning.
        as(key).body(report(host, Map.of("cluster", mine))).post("/api/v1/hosts/" + host + "/report").then()
                .statusCode(202).body("warnings", nullValue());
    }

    @Test
    void nodeNamesAndAddressesAreValidatedLikeTheOperatorApi() {
        String cluster = Fleet.uniqueId("strict");
        String host = Fleet.createHost(Fleet.uniqueId("pve-strict"), cluster, List.of("10.30.0.1"));
        String key = Fleet.hostKey(host);
        String before = db.strings("SELECT hash FROM temperature_proxy_lists WHERE scope = ?", "cluster:" + cluster)
                .get(0);

        as(key).body(report(host, Map.of("node", "-oProxyCommand=touch /tmp/pwned")))
                .post("/api/v1/hosts/" + host + "/report").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("node"));
        as(key).body(report(host, Map.of("addresses", List.of("10.30.0.2", "not-an-ip"))))
                .post("/api/v1/hosts/" + host + "/report").then().statusCode(400)
                .body("errors.field", hasItem("addresses[1]"));
        for (String bad : List.of("dead", "1.2.3", "256.1.1.1", "10.0.0.1/24", "fe80::1%eth0", "::g")) {
            as(key).body(report(host, Map.of("addresses", List.of(bad))))
                    .post("/api/v1/hosts/" + host + "/report").then().statusCode(400)
                    .body("errors.field", hasItem("addresses[0]"));
        }
        for (String bad : List.of("10.0.0.1", "a..b", "pve_1", "pve-", "x y")) {
            as(key).body(report(host, Map.of("node", bad))).post("/api/v1/hosts/" + host + "/report").then()
                    .statusCode(400).body("errors.field", hasItem("node"));
        }
        // The operator API refuses the same.
        Fleet.operator().body(Map.of("hostname", "pve.lan", "cluster", cluster, "addresses", List.of("dead")))
                .put("/api/v1/hosts/" + host).then().statusCode(400).body("errors.field", hasItem("addresses[0]"));
        Fleet.operator().body(Map.of("hostname", "-oProxyCommand=x", "cluster", cluster))
                .put("/api/v1/hosts/" + host).then().statusCode(400).body("errors.field", hasItem("hostname"));

        assertEquals(0, db.count("SELECT count(*) FROM host_reports WHERE host_id = ?", host));
        Fleet.operator().get("/api/v1/hosts/" + host).then().body("node", nullValue())
                .body("addresses", contains("10.30.0.1"));
        assertEquals(List.of(before),
                db.strings("SELECT hash FROM temperature_proxy_lists WHERE scope = ?", "cluster:" + cluster));

        as(key).body(report(host, Map.of("node", "pve-strict-1", "addresses", List.of("10.30.0.3", "fd00::3"))))
                .post("/api/v1/hosts/" + host + "/report").then().statusCode(202);
        Fleet.operator().get("/api/v1/hosts/" + host).then().body("node", equalTo("pve-strict-1"))
                .body("addresses", contains("10.30.0.3", "fd00::3"));
    }

    @Test
    void reportIdsAreUniquePerHost() {
        String a = Fleet.createHost(Fleet.uniqueId("pve-ids-a"), Fleet.uniqueId("ids"), List.of());
        String b = Fleet.createHost(Fleet.uniqueId("pve-ids-b"), Fleet.uniqueId("ids"), List.of());
        UUID shared = UUID.randomUUID();
        String keyA = Fleet.hostKey(a);
        String keyB = Fleet.hostKey(b);
        as(keyA).body(report(a, Map.of("report_id", shared.toString()))).post("/api/v1/hosts/" + a + "/report")
                .then().statusCode(202).body("stored", equalTo(true));
        as(keyB).body(report(b, Map.of("report_id", shared.toString()))).post("/api/v1/hosts/" + b + "/report")
                .then().statusCode(202).body("stored", equalTo(true));
        as(keyB).body(report(b, Map.of("report_id", shared.toString()))).post("/api/v1/hosts/" + b + "/report")
                .then().statusCode(202).body("stored", equalTo(false));
        assertEquals(1, db.count("SELECT count(*) FROM host_reports WHERE host_id = ?", a));
        assertEquals(1, db.count("SELECT count(*) FROM host_reports WHERE host_id = ?", b));
    }

    @Test
    void theLatestHostReportIsChosenByTheHubsClock() {
        String host = Fleet.createHost(Fleet.uniqueId("pve-clock"), Fleet.uniqueId("clock"), List.of());
        String key = Fleet.hostKey(host);
        as(key).body(report(host, Map.of("sent_at", "9999-12-31T23:59:59Z"))).post("/api/v1/hosts/" + host
                + "/report").then().statusCode(400).body("errors[0].field", equalTo("sent_at"));
        as(key).body(report(host, Map.of("sent_at", Instant.now().plus(Duration.ofHours(1)).toString(), "node",
                "pve-ahead"))).post("/api/v1/hosts/" + host + "/report").then().statusCode(202);
        as(key).body(report(host, Map.of("sent_at", Instant.now().toString(), "node", "pve-now")))
                .post("/api/v1/hosts/" + host + "/report").then().statusCode(202);
        Fleet.operator().get("/api/v1/hosts/" + host).then().body("node", equalTo("pve-now"));
    }
}
