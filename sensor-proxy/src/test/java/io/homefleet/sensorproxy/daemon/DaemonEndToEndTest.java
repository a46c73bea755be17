package io.homefleet.sensorproxy.daemon;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.json.Json;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.support.SocketClientMain;
import io.homefleet.sensorproxy.support.TestProxy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon inside Quarkus: socket answers, readiness follows it, Prometheus shows the proxy's metrics. */
@QuarkusTest
class DaemonEndToEndTest {
    @Inject
    Daemon daemon;

    @Test
    void socketReadinessAndMetrics() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(503).body(containsString("not started"));
        Path dir = TestProxy.workDir();
        Path sensors = dir.resolve("sensors.sh");
        Files.writeString(sensors, "#!/bin/sh\ncat '" + TestProxy.FIXTURES.resolve("monitoring-nct6775-cpu-temperature-label.json") + "'\n");
        Files.setPosixFilePermissions(sensors, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("config.yaml"), """
                node_name: pve-e2e
                socket_path: sp.sock
                state_dir: state
                audit_log: audit.jsonl
                allowed_nodes_file: allowed_nodes.yaml
                sensors_command: [%s]
                """.formatted(sensors));
        daemon.start(new ConfigLoader(Map.of()).load(dir.resolve("config.yaml")));
        try {
            JsonNode reply = Json.mapper().readTree(SocketClientMain.call(dir.resolve("sp.sock"),
                    "{\"method\":\"get_temperature\",\"params\":{\"node\":\"pve-e2e\"}}\n"));
            assertTrue(reply.path("success").asBoolean(), reply::toString);
            assertEquals(52.0, reply.path("data").path("cpu").path("package").asDouble());

            given().when().get("/q/health/ready").then().statusCode(200).body(containsString("pve-e2e"))
                    .body(containsString("\"allowlist_source\": \"file\""));
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("homefleet_sensor_proxy_requests_total{method=\"get_temperature\",outcome=\"ok\"}"))
                    .body(containsString("homefleet_sensor_proxy_cache_lookups_total"))
                    .body(containsString("homefleet_sensor_proxy_allowlist_entries "));
            given().when().get("/q/openapi?format=json").then().statusCode(200).body("openapi", org.hamcrest.Matchers.startsWith("3."));
        } finally {
            daemon.stop();
        }
        given().when().get("/q/health/ready").then().statusCode(503);
        assertEquals(false, Files.exists(dir.resolve("sp.sock")), "the socket file is removed at stop");
    }
}
