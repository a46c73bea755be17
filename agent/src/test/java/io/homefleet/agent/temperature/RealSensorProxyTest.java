package io.homefleet.agent.temperature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.homefleet.common.contract.v1.TemperatureSnapshot;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's socket client against the real sensor proxy, started from its jar with a throwaway config whose
 * local reader prints a recorded {@code sensors -j} output (this machine has no sensors).
 */
class RealSensorProxyTest {
    private static final Path PROXY_JAR = Path.of("..", "sensor-proxy", "target", "quarkus-app", "quarkus-run.jar");
    private static Process proxy;
    private static Path socket;
    private static Path dir;

    @BeforeAll
    static void startProxy() throws Exception {
        assumeTrue(Files.exists(PROXY_JAR), "the sensor-proxy jar is absent (" + PROXY_JAR.toAbsolutePath()
                + "); build it first with ./mvnw -B -ntp -pl sensor-proxy -am install -DskipTests");
        dir = Path.of("target", "real-sensor-proxy-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Files.createDirectories(dir.resolve("empty-sys"));
        Path fixture = dir.resolve("sensors.json");
        try (InputStream in = RealSensorProxyTest.class.getResourceAsStream("/sensors/coretemp-package-45.json")) {
            Files.write(fixture, in.readAllBytes());
        }
        Files.writeString(dir.resolve("allowed_nodes.yaml"), "allowed_nodes: []\n");
        int metricsPort;
        try (ServerSocket s = new ServerSocket(0)) {
            metricsPort = s.getLocalPort();
        }
        socket = dir.resolve("sensor-proxy.sock");
        Files.writeString(dir.resolve("config.yaml"), """
                node_name: pve
                socket_path: %s
                state_dir: %s
                audit_log: %s
                allowed_peers:
                  - uid: 0
                    capabilities: [read]
                allowed_nodes_file: %s
                sensors_command: [cat, %s]
                hwmon_dir: %s
                thermal_dir: %s
                metrics_address: 127.0.0.1:%d
                """.formatted(socket, dir.resolve("state"), dir.resolve("audit.jsonl"), dir.resolve("allowed_nodes.yaml"),
                fixture, dir.resolve("empty-sys"), dir.resolve("empty-sys"), metricsPort));
        proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PROXY_JAR.toAbsolutePath().toString(), "--config", dir.resolve("config.yaml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("proxy.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(socket)) {
            if (!proxy.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the sensor proxy did not open its socket; its log: "
                        + Files.readString(dir.resolve("proxy.log")));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopProxy() throws Exception {
        if (proxy != null) {
            List<ProcessHandle> children = proxy.descendants().toList();
            proxy.destroy();
            if (!proxy.waitFor(20, TimeUnit.SECONDS)) {
                proxy.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        }
    }

    @Test
    void theAgentReadsThisNodesTemperaturesFromTheRealProxy() {
        TemperatureSnapshot snapshot = new SensorProxyClient(socket, Duration.ofSeconds(5), "pve").temperatures()
                .orElseThrow(() -> new AssertionError("no snapshot from the proxy; see " + dir.resolve("proxy.log")));
        assertEquals("pve", snapshot.node());
        assertEquals(45.0, TemperatureService.cpuTemperature(snapshot).orElseThrow());
        assertEquals(38.85, snapshot.nvme().get(0).temp(), 0.001);
    }
}
