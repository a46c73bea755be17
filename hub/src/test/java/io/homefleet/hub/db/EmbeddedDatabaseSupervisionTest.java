package io.homefleet.hub.db;

import static io.homefleet.hub.support.Fleet.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.Eventually;
import io.homefleet.hub.support.Fleet;
import io.homefleet.service.db.testing.EmbeddedPostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL killed outright: the hub restarts it, says so in health, and serves again by itself. */
@QuarkusTest
class EmbeddedDatabaseSupervisionTest {
    @Inject
    DataSource dataSource;

    @Test
    void aKilledDatabaseIsRestartedAndTheHubServesAgainWithinSeconds() throws Exception {
        String id = Fleet.createCustomer(Fleet.uniqueId("supervised"));
        String key = Fleet.customerKey(id);
        as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        given().get("/q/health/ready").then().statusCode(200);

        // The test database runs without synchronous commit (TestDatabase), so a kill right after a commit may
        // lose it; a checkpoint first makes the customer and its key survive the kill as they would in production.
        try (Connection con = dataSource.getConnection(); Statement st = con.createStatement()) {
            st.execute("CHECKPOINT");
        }
        long pid = EmbeddedPostgresTestResource.database().postmasterPid();
        assertTrue(pid > 0);
        new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();

        // Readiness says why while the database is down.
        assertTrue(Eventually.within(Duration.ofSeconds(10), Duration.ofMillis(20), () -> {
            var ready = given().get("/q/health/ready");
            if (ready.statusCode() != 503) {
                return false;
            }
            List<Map<String, Object>> checks = JsonPath.from(ready.asString()).getList("checks");
            return checks.stream().anyMatch(c -> "embedded PostgreSQL".equals(c.get("name"))
                    && "DOWN".equals(c.get("status"))
                    && String.valueOf(c.get("data")).contains("stopped unexpectedly"));
        }), "readiness never said the embedded PostgreSQL was down");

        long killedAt = System.nanoTime();
        StringBuilder answers = new StringBuilder();
        assertTrue(Eventually.within(Duration.ofSeconds(25), Duration.ofMillis(100), () -> {
            var answer = as(key).body(Fleet.report(id)).post("/api/v1/report");
            if (answer.statusCode() != 202) {
                answers.append(answer.statusCode()).append(' ').append(answer.asString()).append('\n');
            }
            return answer.statusCode() == 202;
        }), () -> "reports are not accepted again within 25 s; the hub answered:\n" + answers);
        System.out.printf("reports accepted again %d ms after the kill was noticed%n",
                (System.nanoTime() - killedAt) / 1_000_000);
        Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(200);
        given().get("/healthz").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("embedded PostgreSQL"));
    }
}
