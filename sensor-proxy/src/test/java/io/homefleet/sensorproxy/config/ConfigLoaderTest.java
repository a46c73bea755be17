package io.homefleet.sensorproxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void seedKeysLoadAndRelativePathsFollowTheConfigFile() throws Exception {
        Path file = write("""
                allowed_source_subnets: [192.168.1.0/24, 10.0.0.0/8]
                allowed_peers:
                  - uid: 0
                    capabilities: [read, write, admin]
                  - uid: 1000
                    capabilities: [read]
                allow_idmapped_root: true
                allowed_idmap_users: [root]
                read_timeout: 5s
                write_timeout: 250ms
                max_ssh_output_bytes: 1048576
                allowed_nodes_file: nodes/allowed_nodes.yaml
                rate_limit:
                  per_peer_interval_ms: 500
                  per_peer_burst: 10
                """);
        ProxyConfig c = new ConfigLoader(Map.of()).load(file).config();
        assertEquals(List.of("192.168.1.0/24", "10.0.0.0/8"), c.allowedSourceSubnets());
        assertEquals(List.of("read"), c.allowedPeers().get(1).capabilities());
        assertEquals(Duration.ofMillis(250), c.writeTimeout());
        assertEquals(500, c.rateLimit().perPeerIntervalMs());
        assertEquals(dir.resolve("nodes/allowed_nodes.yaml").toString(), c.allowedNodesFile());
        assertEquals(":8444", c.httpListenAddr(), "default port leaves :8443 to the host agent");
    }

    @Test
    void everyKeyHasAnEnvironmentOverrideAndTheSeedAliasesWork() throws Exception {
        Path file = write("allowed_source_subnets: [192.168.1.0/24]\nhttp_enabled: false\n");
        Map<String, String> env = Map.of(
                "HOMEFLEET_SENSOR_PROXY_ALLOWED_SUBNETS", "10.0.0.0/8, 172.16.0.0/12",
                "HOMEFLEET_SENSOR_PROXY_HTTP_ENABLED", "true",
                "HOMEFLEET_SENSOR_PROXY_HTTP_AUTH_TOKEN", "0123456789abcdef0123",
                "HOMEFLEET_SENSOR_PROXY_HTTP_ADDR", "127.0.0.1:9444",
                "HOMEFLEET_SENSOR_PROXY_RATE_LIMIT_PER_PEER_BURST", "20",
                "HOMEFLEET_SENSOR_PROXY_ALLOWED_PEERS", "0:read+write+admin,1000:read",
                "HOMEFLEET_SENSOR_PROXY_ALLOWED_PEER_UIDS", "33,34",
                "HOMEFLEET_SENSOR_PROXY_READ_TIMEOUT", "2s",
                "HOMEFLEET_SENSOR_PROXY_SSH_PORT", "2200");
        ProxyConfig c = new ConfigLoader(env).load(file).config();
        assertEquals(List.of("192.168.1.0/24", "10.0.0.0/8", "172.16.0.0/12"), c.allowedSourceSubnets(), "subnets append");
        assertTrue(c.httpEnabled());
        assertEquals("127.0.0.1:9444", c.httpListenAddr());
        assertEquals(20, c.rateLimit().perPeerBurst());
        assertEquals(List.of("read", "write", "admin"), c.allowedPeers().get(0).capabilities());
        assertEquals(1000, c.allowedPeers().get(1).uid());
        assertEquals(List.of(33, 34), c.allowedPeerUids());
        assertEquals(Duration.ofSeconds(2), c.readTimeout());
        assertEquals(2200, c.ssh().port());
        List<String> names = ConfigLoader.envKeys().stream().map(io.homefleet.service.config.EdgeConfigLoader.EnvKey::envName).toList();
        assertTrue(names.contains("HOMEFLEET_SENSOR_PROXY_STRICT_NODE_VALIDATION"));
        assertTrue(names.contains("HOMEFLEET_SENSOR_PROXY_CONTROL_PLANE_URL"));
        assertEquals(names.size(), names.stream().distinct().count());
    }

    @Test
    void everyProblemIsNamedAndNothingLoads() throws Exception {
        Path file = write("""
                rate_limit: {per_peer_interval_ms: 0}
                allowed_peers: [{uid: 5, capabilities: [read, fly]}]
                http_enabled: true
                http_listen_addr: "8444"
                allowed_nodes: ["-rm", "pve1"]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file));
        List<String> p = e.problems();
        assertTrue(p.stream().anyMatch(s -> s.startsWith("rate_limit.per_peer_interval_ms")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.contains("'fly' is not one of read, write, admin")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("http_auth_token: required")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("http_listen_addr")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.contains("must not start with '-'")), p::toString);
    }

    @Test
    void typosAndWrongTypesAreRefusedWithTheirKey() throws Exception {
        ConfigException typo = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(write("rate_limit:\n  per_peer_brust: 3\n")));
        assertTrue(typo.getMessage().contains("unknown key 'rate_limit.per_peer_brust'"), typo.getMessage());
        ConfigException type = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(write("read_timeout: soon\n")));
        assertTrue(type.getMessage().contains("'read_timeout'"), type.getMessage());
        ConfigException env = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of("HOMEFLEET_SENSOR_PROXY_SSH_PORT", "twenty")).load(write("")));
        assertTrue(env.getMessage().contains("ssh.port"), env.getMessage());
        ConfigException yaml = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(write("a: [\n")));
        assertTrue(yaml.getMessage().contains("not valid YAML"), yaml.getMessage());
    }

    @Test
    void absentFileMeansDefaults() throws Exception {
        LoadedConfig loaded = new ConfigLoader(Map.of()).load(dir.resolve("missing.yaml"));
        assertEquals(1000, loaded.config().rateLimit().perPeerIntervalMs());
        assertEquals(5, loaded.config().rateLimit().perPeerBurst());
        assertFalse(loaded.config().httpEnabled());
        assertEquals("/run/homefleet-sensor-proxy/sensor-proxy.sock", loaded.config().socketPath());
    }

    @Test
    void keysWithoutValuesKeepTheirDefaultsAndEmptyItemsAreErrors() throws Exception {
        ProxyConfig c = new ConfigLoader(Map.of()).load(write("allowed_peers:\nrate_limit:\nhttp_auth_token:\nssh:\n")).config();
        assertEquals(List.of(), c.allowedPeers());
        assertEquals(5, c.rateLimit().perPeerBurst());
        assertEquals("", c.httpAuthToken());
        assertEquals(22, c.ssh().port());
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(write("allowed_source_subnets: [~]\nsensors_command: [sensors, \"\"]\n")));
        assertEquals(List.of("allowed_source_subnets[0]: empty", "sensors_command[1]: empty"), e.problems());
    }
}
