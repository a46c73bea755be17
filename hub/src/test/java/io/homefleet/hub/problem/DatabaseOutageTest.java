package io.homefleet.hub.problem;

import static io.homefleet.hub.support.Fleet.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.homefleet.service.db.testing.EmbeddedPostgresTestResource;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With PostgreSQL gone the hub says so (503, nothing half-stored) and recovers by itself when it is back. */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void outageAnswers503AndTheHubRecovers() throws Exception {
        String id = Fleet.createCustomer(Fleet.uniqueId("outage"));
        String key = Fleet.customerKey(id);
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);

        EmbeddedPostgresTestResource.stopDatabase();
        try {
            given().get("/healthz").then().statusCode(503).contentType("application/problem+json")
                    .body("database", equalTo("down"));
            as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(503)
                    .header("Retry-After", "30").contentType("application/problem+json");
            Fleet.operator().get("/api/v1/customers").then().statusCode(503);
        } finally {
            EmbeddedPostgresTestResource.startDatabase();
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (given().get("/healthz").then().extract().statusCode() != 200
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        given().get("/healthz").then().statusCode(200);
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202).body("stored", equalTo(true));
    }
}
