package io.homefleet.controller.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.controller.support.HubStandIn;
import io.homefleet.controller.support.SetupMode;
import io.homefleet.service.config.InvalidConfigException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Setup mode's last step (a controller.yaml fetched from the hub is validated, written 0600 and applied without a
 * restart), then the desired state: a new revision is applied and announced once, an unchanged one is a 304, a bad
 * one is refused with config_failed and changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = SetupMode.class, restrictToAnnotatedClass = true)
class SetupAndDesiredStateTest {
    @Inject
    ControllerRuntime runtime;

    @Test
    void fromSetupModeToConfiguredAndThenFollowingTheDesiredState() throws Exception {
        assertFalse(runtime.configured());
        assertTrue(runtime.identity().isEmpty());
        given().get("/api/status").then().statusCode(200).body("configured", equalTo(false))
                .body("identity", nullValue());
        given().get("/q/health/ready").then().statusCode(200);
        Path configFile = runtime.configFile();

        InvalidConfigException bad = assertThrows(InvalidConfigException.class,
                () -> runtime.install("customer:\n  id: Bad Id\nhub:\n  url: http://hub.example\n"));
        assertTrue(bad.problems().stream().anyMatch(p -> p.startsWith("customer.id")), bad.getMessage());
        assertTrue(bad.problems().stream().anyMatch(p -> p.startsWith("hub.url") && p.contains("plain http")));
        assertFalse(Files.exists(configFile), "nothing is written for a bad file");
        String hostKey = Tokens.generate(TokenKind.HOST);
        assertTrue(assertThrows(InvalidConfigException.class, () -> runtime.install("customer: {id: demo}\nhub:\n"
                + "  url: https://hub.example\n  customer_key: " + hostKey + "\n")).getMessage()
                .contains("is a host key where the customer key (hfc_...) is required"));

        try (HubStandIn hub = new HubStandIn()) {
            String key = Tokens.generate(TokenKind.CUSTOMER);
            runtime.install("""
                    customer:
                      id: demo-felhom
                      name: Felhom Demo
                      domain: demo-felhom.eu
                    hub:
                      url: %s
                      allow_plain_http: true
                      customer_key: %s
                    intervals:
                      desired_state: 10s
                    state_dir: %s
                    """.formatted(hub.url(), key, configFile.getParent().resolveSibling("state")));
            assertTrue(runtime.configured());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile)));
            assertFalse(Files.readString(configFile).contains(key), "the key went to its own file");
            Path keyFile = configFile.resolveSibling("customer.key");
            assertEquals(key, Files.readString(keyFile).strip());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            given().get("/api/config").then().statusCode(200)
                    .body("configured", equalTo(true))
                    .body("config.hub.customer_key_file", equalTo(keyFile.toString()));
            await(() -> !hub.reports.isEmpty() && hub.events.stream()
                    .anyMatch(e -> e.path("event_type").asText().equals("controller_started")), "report and start event");
            // the hub has the report and the event; the spool drops each once the hub's answer is back
            await(() -> Integer.valueOf(0).equals(given().get("/api/status").path("hub_link.spool_depth")),
                    "spool emptied by the hub's answers");
            given().get("/api/status").then().body("identity.customer_id", equalTo("demo-felhom"))
                    .body("hub_link.spool_depth", equalTo(0));

            hub.desired(1, "{\"intervals\": {\"report\": \"30m\"}}");
            await(() -> runtime.config().intervals().report().equals(Duration.ofMinutes(30)), "revision 1 applied");
            assertTrue(Files.readString(configFile).contains("30m"));
            await(() -> event(hub, "config_applied") != null, "config_applied arrives");
            assertEquals("1", event(hub, "config_applied").path("details").path("revision").asText());
            runtime.hub().orElseThrow().reportNow();
            await(() -> hub.reports.stream().anyMatch(r -> r.path("applied_revision").asLong() == 1), "the report says 1");
            await(() -> hub.ifNoneMatch.contains("\"1\""), "the next pull asks If-None-Match");
            assertEquals(1, hub.events.stream().filter(e -> e.path("event_type").asText().equals("config_applied")).count(),
                    "an unchanged revision is not applied again");

            hub.desired(2, "{\"intervals\": {\"report\": \"1s\"}}");
            await(() -> event(hub, "config_failed") != null, "config_failed arrives");
            JsonNode failed = event(hub, "config_failed");
            assertTrue(failed.path("message").asText().contains("intervals.report"), failed.toString());
            assertEquals(Duration.ofMinutes(30), runtime.config().intervals().report(), "nothing changed");
            runtime.hub().orElseThrow().reportNow();
            Thread.sleep(500);
            await(() -> hub.reports.get(hub.reports.size() - 1).path("applied_revision").asLong() == 1,
                    "a refused revision is not reported as applied");
            assertTrue(Files.readString(configFile).contains("30m"));
        }
    }

    private static JsonNode event(HubStandIn hub, String type) {
        return hub.events.stream().filter(e -> e.path("event_type").asText().equals(type)).findFirst().orElse(null);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
