package io.homefleet.hub.placement;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
class PlacementApiTest {
    @Inject
    Db db;

    private long activeKeys(String customer) {
        return db.count("SELECT count(*) FROM credentials WHERE customer_id = ? AND revoked_at IS NULL", customer);
    }

    private static String keyPath(String host, int vmid) {
        return "/api/v1/hosts/" + host + "/guests/" + vmid + "/customer-key";
    }

    @Test
    void aHostFetchesTheKeyOfTheCustomerPlacedOnItAndReprovisioningRevokesTheOldOne() {
        String customer = Fleet.createCustomer(Fleet.uniqueId("place"));
        String host = Fleet.createHost(Fleet.uniqueId("place-host"), "c1", List.of());
        String hostKey = Fleet.hostKey(host);
        as(hostKey).body(Map.of("customer_id", customer)).post(keyPath(host, 9200)).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("not placed on any host"));

        Fleet.operator().body(Map.of("host_id", host, "vmid", 9200)).put("/api/v1/customers/" + customer + "/placement")
                .then().statusCode(200).body("host_id", equalTo(host)).body("vmid", equalTo(9200))
                .body("placed_by", equalTo("operator"));
        Fleet.operator().get("/api/v1/customers/" + customer + "/placement").then().statusCode(200)
                .body("vmid", equalTo(9200));

        String first = as(hostKey).body(Map.of("customer_id", customer)).post(keyPath(host, 9200)).then()
                .statusCode(201).body("kind", equalTo("customer key")).body("customer_id", equalTo(customer))
                .body("key", startsWith("hfc_")).extract().path("key");
        as(first).body(Fleet.report(customer)).post("/api/v1/report").then().statusCode(202);
        String second = as(hostKey).body(Map.of("customer_id", customer)).post(keyPath(host, 9200)).then()
                .statusCode(201).extract().path("key");
        as(first).body(Fleet.report(customer)).post("/api/v1/report").then().statusCode(401);
        as(second).body(Fleet.report(customer)).post("/api/v1/report").then().statusCode(202);
        assertEquals(1, activeKeys(customer));

        as(hostKey).body(Map.of("customer_id", customer)).post(keyPath(host, 9201)).then().statusCode(403)
                .body("detail", equalTo("customer '" + customer + "' is placed on host '" + host
                        + "' as vmid 9200, not on host '" + host + "' as vmid 9201"));
        String otherHost = Fleet.createHost(Fleet.uniqueId("place-other"), "c1", List.of());
        String otherKey = Fleet.hostKey(otherHost);
        as(otherKey).body(Map.of("customer_id", customer)).post(keyPath(host, 9200)).then().statusCode(403)
                .body("detail", containsString("'" + otherHost + "'"));
        as(otherKey).body(Map.of("customer_id", customer)).post(keyPath(otherHost, 9200)).then().statusCode(403)
                .body("detail", containsString("placed on host '" + host + "'"));
        assertEquals(1, activeKeys(customer));

        Fleet.operator().delete("/api/v1/customers/" + customer + "/placement").then().statusCode(204);
        as(hostKey).body(Map.of("customer_id", customer)).post(keyPath(host, 9200)).then().statusCode(403);
        Fleet.operator().get("/api/v1/customers/" + customer + "/placement").then().statusCode(404);
    }

    @Test
    void badPlacementsAndKeyRequestsAreRefusedAndNothingIsStored() {
        String customer = Fleet.createCustomer(Fleet.uniqueId("place-bad"));
        String other = Fleet.createCustomer(Fleet.uniqueId("place-bad-other"));
        String host = Fleet.createHost(Fleet.uniqueId("place-bad-host"), "c1", List.of());
        String path = "/api/v1/customers/" + customer + "/placement";
        Fleet.operator().body(Map.of("host_id", "no-such-host", "vmid", 9200)).put(path).then().statusCode(400)
                .body("errors.field", hasItem("host_id"));
        Fleet.operator().body(Map.of("host_id", host, "vmid", 5)).put(path).then().statusCode(400)
                .body("errors.field", hasItem("vmid"));
        Fleet.operator().body(Map.of("host_id", host, "vmid", "9200")).put(path).then().statusCode(400);
        Fleet.operator().body(Map.of("host_id", host, "vmid", 9200, "node", "pve")).put(path).then().statusCode(400)
                .body("errors.field", hasItem("node"));
        Fleet.operator().body("{\"host_id\": ").put(path).then().statusCode(400)
                .contentType("application/problem+json");
        Fleet.operator().body(Map.of("host_id", host, "vmid", 9200)).put("/api/v1/customers/nobody-here/placement")
                .then().statusCode(404);
        assertEquals(0, db.count("SELECT count(*) FROM customer_placements WHERE customer_id = ?", customer));

        Fleet.operator().body(Map.of("host_id", host, "vmid", 9300)).put(path).then().statusCode(200);
        Fleet.operator().body(Map.of("host_id", host, "vmid", 9300)).put("/api/v1/customers/" + other + "/placement")
                .then().statusCode(409).body("detail", containsString("'" + customer + "'"));

        String hostKey = Fleet.hostKey(host);
        as(hostKey).body(Map.of("customer_id", customer, "extra", 1)).post(keyPath(host, 9300)).then().statusCode(400)
                .body("errors.field", hasItem("extra"));
        as(hostKey).body(Map.of()).post(keyPath(host, 9300)).then().statusCode(400)
                .body("errors.field", hasItem("customer_id"));
        as(hostKey).body("[").post(keyPath(host, 9300)).then().statusCode(400);
        as(hostKey).body(Map.of("customer_id", customer)).post(keyPath(host, 0)).then().statusCode(400);
        as(hostKey).body(Map.of("customer_id", customer)).post("/api/v1/hosts/" + host + "/guests/abc/customer-key")
                .then().statusCode(400);
        as(hostKey).body(Map.of("customer_id", other)).post(keyPath(host, 9300)).then().statusCode(403);
        Fleet.operator().body(Map.of("customer_id", customer)).post(keyPath(host, 9300)).then().statusCode(403)
                .body("detail", equalTo("operator token used where a host key is required"));
        assertEquals(0, activeKeys(customer));
    }

    @Test
    void concurrentFetchesForOneGuestLeaveOneValidKey() throws Exception {
        String customer = Fleet.createCustomer(Fleet.uniqueId("place-race"));
        String host = Fleet.createHost(Fleet.uniqueId("place-race-host"), "c1", List.of());
        String hostKey = Fleet.hostKey(host);
        Fleet.operator().body(Map.of("host_id", host, "vmid", 9400)).put("/api/v1/customers/" + customer + "/placement")
                .then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> as(hostKey).body(Map.of("customer_id", customer)).post(keyPath(host, 9400)).then()
                        .extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(201, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, activeKeys(customer));
    }
}
