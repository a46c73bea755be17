package io.homefleet.agent.host;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.agent.localapi.auth.GuestTokenStore;
import io.homefleet.agent.testsupport.SensorProxyStandIn;
import io.homefleet.agent.testsupport.TestEnv;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** /host/metrics and /storage report the real host (compared with /proc and statvfs) and the Proxmox storages. */
@QuarkusTest
class HostMetricsResourceTest {

    private static String token() {
        return new GuestTokenStore(TestEnv.config().stateDir().resolve("guest-tokens.log")).mint(9500, "test");
    }

    @Test
    void metricsMatchWhatTheKernelSays() throws Exception {
        JsonPath m = given().auth().oauth2(token()).when().get("/host/metrics").then().statusCode(200)
                .extract().jsonPath();
        long memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.split("\\s+")[1]) * 1024).findFirst().orElseThrow();
        assertEquals(memTotal, m.getLong("memory_total"));
        assertTrue(m.getLong("memory_used") > 0 && m.getLong("memory_used") < memTotal);
        double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split("\\s+")[0]);
        assertTrue(Math.abs(uptime - m.getLong("uptime")) < 5, "uptime " + m.getLong("uptime") + " vs " + uptime);
        FileStore root = Files.getFileStore(Path.of("/"));
        assertEquals(root.getTotalSpace(), m.getLong("root_disk_total"));
        assertTrue(m.getLong("root_disk_used") > 0 && m.getLong("root_disk_used") <= root.getTotalSpace());
        assertTrue(m.getDouble("load1") >= 0);
        assertEquals(TestEnv.HOST_ID, m.getString("host_id"));
        assertEquals(800_000_000_000L, m.getLong("storages.find { it.name == 'local-lvm' }.total"));
    }

    @Test
    void cpuTemperatureComesFromTheSensorProxyWhenItsSocketExists() throws Exception {
        Path socket = TestEnv.config().sensorProxy().socket();
        try (SensorProxyStandIn proxy = new SensorProxyStandIn(socket, 47.5)) {
            // The agent keeps temperatures for a few seconds; wait for the proxy's figure to come through.
            long deadline = System.currentTimeMillis() + 10_000;
            Float cpu = null;
            while (System.currentTimeMillis() < deadline) {
                JsonPath m = given().auth().oauth2(token()).when().get("/host/metrics").then().statusCode(200)
                        .extract().jsonPath();
                cpu = m.get("cpu_temp_c");
                if (cpu != null) {
                    assertEquals("sensors", m.getString("temperatures.source"));
                    assertEquals(39.0f, (Float) m.get("disk_temperatures.find { it.device == 'nvme0n1' }.temp"));
                    break;
                }
                Thread.sleep(250);
            }
            assertEquals(47.5f, cpu);
            assertTrue(proxy.requests() > 0);
            assertTrue(proxy.lastRequest().contains("\"method\":\"get_temperatures\""), proxy.lastRequest());
        }
    }

    @Test
    void storageListsEveryProxmoxStorageWithItsPath() {
        given().auth().oauth2(token()).when().get("/storage").then().statusCode(200)
                .body("storages.name", containsInAnyOrder("local", "local-lvm", "tank"))
                .body("storages.find { it.name == 'tank' }.path", equalTo(TestEnv.dir().resolve("tank").toString()))
                .body("storages.find { it.name == 'local' }.content", containsInAnyOrder("backup", "iso", "vztmpl"))
                .body("storages.find { it.name == 'local-lvm' }.type", equalTo("lvmthin"));
        assertTrue(TestEnv.pveshCalls().stream().anyMatch(c -> c.path("path").asText().equals("/nodes/pve/storage")
                && c.path("output_format").asText().equals("json")));
    }
}
