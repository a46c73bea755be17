package io.homefleet.agent.hub;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.agent.testsupport.TestEnv;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The host report loop against the hub stand-in: content, backoff on hub trouble, no endless retry on 401/403. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostReportLoopTest {
    private static final String REPORT_PATH = "/api/v1/hosts/" + TestEnv.HOST_ID + "/report";

    @Test
    @Order(1)
    void reportsCarryMetricsStoragesAndGuests() {
        await(() -> TestEnv.hubReports().size() > 0, 15_000, "no host report reached the hub");
        JsonNode reports = TestEnv.hubReports();
        JsonNode report = reports.get(reports.size() - 1);
        assertEquals(TestEnv.HOST_ID, report.path("host_id").asText());
        assertEquals("pve", report.path("node").asText());
        assertTrue(report.path("metrics").path("memory_total").asLong() > 0, report.toString());
        assertTrue(report.path("storages").toString().contains("\"local-lvm\""), report.toString());
        assertTrue(report.path("guests").isArray());
        assertTrue(report.path("report_id").asText().matches("[0-9a-f-]{36}"));
        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("ok", health.getString("checks.find { it.name == 'hub-report' }.data.status"));
    }

    @Test
    @Order(2)
    void aHubOutageBacksOffAndRecoversWhileTheAgentStaysReady() {
        int before = TestEnv.hubReports().size();
        TestEnv.failNextHubCall(REPORT_PATH, 503);
        await(() -> "retrying".equals(hubCheck().getString("data.status")), 15_000, "no retrying state");
        assertEquals("UP", hubCheck().getString("status"), "an unreachable hub does not make the agent unready");
        assertTrue(hubCheck().getString("data.hub_message").contains("HTTP 503"));
        await(() -> TestEnv.hubReports().size() > before, 10_000, "no report after the outage");
        await(() -> "ok".equals(hubCheck().getString("data.status")), 5_000, "state did not return to ok");
    }

    @Test
    @Order(3)
    void aRejectedKeyShowsTheHubsWordsInHealthAndIsNotRetriedUntilTheKeyChanges() throws Exception {
        TestEnv.failNextHubCall(REPORT_PATH, 401);
        await(() -> "rejected".equals(hubCheck().getString("data.status")), 15_000, "no rejected state");
        given().when().get("/q/health/ready").then().statusCode(503);
        assertEquals("HTTP 401: stand-in told to fail this call once", hubCheck().getString("data.hub_message"));
        int afterRejection = TestEnv.hubReports().size();
        Thread.sleep(6_500); // longer than the 5 s report interval: a retrying loop would have sent again
        assertEquals(afterRejection, TestEnv.hubReports().size(), "a rejected key must not be retried on the interval");

        Path keyFile = TestEnv.config().hub().hostKeyFile();
        Files.setLastModifiedTime(keyFile, FileTime.from(Instant.now().plusSeconds(5)));
        await(() -> TestEnv.hubReports().size() > afterRejection, 5_000, "a changed key file did not trigger a report");
        await(() -> "ok".equals(hubCheck().getString("data.status")), 5_000, "state did not return to ok");
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private static JsonPath hubCheck() {
        JsonPath health = given().when().get("/q/health/ready").then().extract().jsonPath();
        return new JsonPath(io.homefleet.common.json.Json.mapper().valueToTree(
                health.getMap("checks.find { it.name == 'hub-report' }")).toString());
    }

    private static void await(BooleanSupplier condition, long millis, String message) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError(message);
    }
}
