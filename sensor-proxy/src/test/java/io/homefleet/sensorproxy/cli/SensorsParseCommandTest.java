package io.homefleet.sensorproxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.json.Json;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CLI as a user runs it: the whole application, started with arguments, output on stdout. */
@QuarkusMainTest
class SensorsParseCommandTest {
    static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures", "sensors").toAbsolutePath().normalize();

    @Test
    void parsePrintsTheNormalizedSnapshot(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("sensors", "parse", "--node", "pve7",
                FIXTURES.resolve("string-values-plus-degC-and-millidegree.json").toString());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode snapshot = Json.mapper().readTree(result.getOutput());
        assertEquals("pve7", snapshot.path("node").asText());
        assertEquals(50.0, snapshot.path("cpu").path("package").asDouble());
        assertEquals(39.0, snapshot.path("nvme").path(0).path("temp").asDouble());
    }

    @Test
    void badInputIsAClearErrorWithExitCode1(QuarkusMainLauncher launcher) throws Exception {
        Path file = Files.createTempFile("not-sensors", ".json");
        Files.writeString(file, "No sensors found!\n");
        LaunchResult result = launcher.launch("sensors", "parse", file.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.getErrorOutput().contains("not valid JSON"), result.getErrorOutput());
        assertTrue(!result.getOutput().contains("\"node\""), "no snapshot printed");
    }

    @Test
    void setAllowedNodesAndValidate(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("config");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "allowed_nodes_file: allowed_nodes.yaml\n");
        LaunchResult set = launcher.launch("config", "set-allowed-nodes", "--config", config.toString(), "--merge", "PVE1", "--merge", "10.0.0.7");
        assertEquals(0, set.exitCode(), set.getErrorOutput());
        assertTrue(Files.readString(dir.resolve("allowed_nodes.yaml")).contains("- pve1"));
        LaunchResult bad = launcher.launch("config", "set-allowed-nodes", "--config", config.toString(), "--merge", "a b");
        assertEquals(2, bad.exitCode());
        Files.writeString(config, "allowed_nodes_file: allowed_nodes.yaml\nrate_limit: {per_peer_burst: -1}\n");
        LaunchResult invalid = launcher.launch("config", "validate", "--config", config.toString());
        assertEquals(2, invalid.exitCode());
        assertTrue(invalid.getErrorOutput().contains("rate_limit.per_peer_burst"), invalid.getErrorOutput());
    }

    @Test
    void keysAuthorizedLineAndAuditVerify(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("keys");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "state_dir: state\naudit_log: audit.jsonl\n");
        LaunchResult line = launcher.launch("keys", "authorized-line", "--config", config.toString(), "--from", "10.0.0.0/24");
        assertEquals(0, line.exitCode(), line.getErrorOutput());
        String out = line.getOutput().lines().filter(l -> l.startsWith("from=")).findFirst().orElse("");
        assertTrue(out.startsWith("from=\"10.0.0.0/24\",command=\"sensors -j\",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty ssh-ed25519 "), out);
        assertTrue(out.endsWith(" # homefleet-sensor-proxy"), out);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("state/ssh/id_ed25519"))));
        assertEquals(2, launcher.launch("keys", "authorized-line", "--config", config.toString(), "--from", "a\"b").exitCode());

        Files.writeString(dir.resolve("audit.jsonl"), "{\"seq\":1,\"event\":\"x\",\"prev\":\"0\",\"hash\":\"bad\"}\n");
        LaunchResult broken = launcher.launch("audit", "verify", "--config", config.toString());
        assertEquals(1, broken.exitCode());
        assertTrue(broken.getErrorOutput().contains("broken"), broken.getErrorOutput());
    }
}
