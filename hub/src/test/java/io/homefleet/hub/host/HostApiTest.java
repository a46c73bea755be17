package io.homefleet.hub.host;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HostApiTest {
    @Inject
    Db db;

    @Test
    void hostLifecycleAndReports() {
        String id = Fleet.uniqueId("pve");
        Fleet.operator().body(Map.of("id", id, "hostname", "pve1.lan", "cluster", "budapest-1", "addresses",
                List.of("192.168.0.162", "192.168.0.162"))).post("/api/v1/hosts").then().statusCode(201)
                .body("cluster", equalTo("budapest-1"))
                .body("addresses", contains("192.168.0.162"));
        Fleet.operator().body(Map.of("id", id, "hostname", "x")).post("/api/v1/hosts").then().statusCode(409);
        Fleet.operator().body(Map.of("hostname", "pve1.lan", "addresses", List.of("not an ip"))).put("/api/v1/hosts/"
                + id).then().statusCode(400);

        String key = Fleet.hostKey(id);
        Map<String, Object> report = new HashMap<>(Fleet.hostReport(id));
        report.put("addresses", List.of("192.168.0.163"));
        report.put("node", "pve1");
        as(key).body(report).post("/api/v1/hosts/" + id + "/report").then().statusCode(202)
                .body("stored", equalTo(true));
        as(key).body(report).post("/api/v1/hosts/" + id + "/report").then().statusCode(202)
                .body("stored", equalTo(false));
        assertEquals(1, db.count("SELECT count(*) FROM host_reports WHERE host_id = ?", id));

        Fleet.operator().get("/api/v1/hosts/" + id).then().statusCode(200)
                .body("agent_version", equalTo("0.1.0"))
                .body("cluster", equalTo("budapest-1"))
                .body("node", equalTo("pve1"))
                .body("addresses", contains("192.168.0.163"))
                .body("latest_report.guests[0].vmid", equalTo(9200));
        Fleet.operator().get("/api/v1/hosts").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.hostname", equalTo("pve1.lan"));

        Fleet.operator().delete("/api/v1/hosts/" + id).then().statusCode(204);
        as(key).body(Fleet.hostReport(id)).post("/api/v1/hosts/" + id + "/report").then().statusCode(401);
    }

    @Test
    void bodyHostMustMatchThePath() {
        String id = Fleet.createHost(Fleet.uniqueId("pve-match"), "c1", List.of());
        String key = Fleet.hostKey(id);
        as(key).body(Fleet.hostReport("somewhere-else")).post("/api/v1/hosts/" + id + "/report").then()
                .statusCode(400).body("detail", containsString("somewhere-else"));
        assertEquals(0, db.count("SELECT count(*) FROM host_reports WHERE host_id = ?", id));
    }

    @Test
    void hostKeyRotationRevokesTheOldKey() {
        String id = Fleet.createHost(Fleet.uniqueId("pve-rot"), "c1", List.of());
        String old = Fleet.hostKey(id);
        String fresh = Fleet.operator().post("/api/v1/hosts/" + id + "/keys/rotate").then().statusCode(201)
                .body("kind", equalTo("host key")).body("host_id", equalTo(id)).extract().path("key");
        as(old).body(Fleet.hostReport(id)).post("/api/v1/hosts/" + id + "/report").then().statusCode(401);
        as(fresh).body(Fleet.hostReport(id)).post("/api/v1/hosts/" + id + "/report").then().statusCode(202);
        Fleet.operator().get("/api/v1/hosts/" + id + "/keys").then().body("size()", equalTo(2));
    }
}
