package io.homefleet.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.service.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent.yaml: defaults fill in, every mistake is named with its key, unknown keys are errors. */
class AgentConfigLoaderTest {
    private static final String MINIMAL = """
            hub:
              url: https://hub.example.net/
              host_id: pve-01
              host_key_file: /etc/homefleet-agent/host.key
            local_api:
              listen_addr: 0.0.0.0:8443
            state_dir: /var/lib/homefleet-agent
            proxmox:
              node: pve-01
            """;

    @Test
    void aMinimalFileGetsTheDocumentedDefaults(@TempDir Path dir) throws Exception {
        AgentConfig config = AgentConfigLoader.load(write(dir, MINIMAL));
        assertEquals("https://hub.example.net", config.hub().url());
        assertEquals(60, config.hub().reportIntervalSeconds());
        assertTrue(config.localApi().enable());
        assertEquals("0.0.0.0:8443", config.localApi().advertiseAddr());
        assertEquals(8443, config.localApi().port());
        assertEquals(Path.of("/usr/bin/pvesh"), config.proxmox().pvesh());
        assertEquals(100000, config.proxmox().guestRootUid());
        assertEquals(Path.of("/run/homefleet-sensor-proxy/sensor-proxy.sock"), config.sensorProxy().socket());
        assertEquals(Path.of("/var/lib/homefleet-agent/tls/local-api.crt"), config.tlsCertFile());
    }

    @Test
    void invalidValuesAreAllNamedWithTheirKeys(@TempDir Path dir) throws Exception {
        String bad = MINIMAL.replace("pve-01\n  host_key_file", "PVE_01\n  host_key_file")
                .replace("0.0.0.0:8443", "everywhere").replace("https://hub.example.net/", "ftp://hub");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(write(dir, bad)));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("hub.host_id: must be 1-63 characters")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.equals("local_api.listen_addr: must be host:port")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.equals("hub.url: must be an http(s) URL")), e.getMessage());
    }

    @Test
    void aTypoIsAnErrorNotASilentDefault(@TempDir Path dir) throws Exception {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> AgentConfigLoader.load(write(dir, MINIMAL.replace("  node: pve-01", "  nodename: pve-01"))));
        assertTrue(e.getMessage().contains("unknown key 'proxmox.nodename' (line 9); known keys there: "), e.getMessage());
    }

    @Test
    void aMissingFileIsSaidPlainly(@TempDir Path dir) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> AgentConfigLoader.load(dir.resolve("absent.yaml")));
        assertEquals("file does not exist", e.problems().get(0));
    }

    @Test
    void everyKeyCanBeOverriddenFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = write(dir, MINIMAL);
        AgentConfig config = AgentConfigLoader.loader().load(file, java.util.Map.of(
                "HOMEFLEET_AGENT_HUB_URL", "https://other-hub.example.net",
                "HOMEFLEET_AGENT_HUB_REPORT_INTERVAL_SECONDS", "30",
                "HOMEFLEET_AGENT_LOCAL_API_ENABLE", "false",
                "HOMEFLEET_AGENT_SENSOR_PROXY_SOCKET", "/run/sp.sock"));
        assertEquals("https://other-hub.example.net", config.hub().url());
        assertEquals(30, config.hub().reportIntervalSeconds());
        assertEquals(false, config.localApi().enable());
        assertEquals(Path.of("/run/sp.sock"), config.sensorProxy().socket());
        assertEquals("pve-01", config.proxmox().node(), "keys without an override keep the file's value");
        InvalidConfigException bad = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.loader()
                .load(file, java.util.Map.of("HOMEFLEET_AGENT_HUB_REPORT_INTERVAL_SECONDS", "2")));
        assertEquals(java.util.List.of("hub.report_interval_seconds: must be greater than or equal to 5"), bad.problems());
    }

    private static Path write(Path dir, String yaml) throws Exception {
        return Files.writeString(dir.resolve("agent.yaml"), yaml);
    }
}
