package io.homefleet.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeConfigLoaderTest {
    record Sample(String nodeName, @Valid RateLimit rateLimit, List<@NotBlank(message = "empty") String> allowedSubnets,
                  @DurationRange(min = "10ms", max = "5m") Duration readTimeout, Boolean httpEnabled) {
        Sample {
            nodeName = nodeName == null ? "" : nodeName;
            rateLimit = rateLimit == null ? new RateLimit(null, null) : rateLimit;
            allowedSubnets = allowedSubnets == null ? List.of() : allowedSubnets;
            readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
            httpEnabled = httpEnabled != null && httpEnabled;
        }
    }

    record RateLimit(@Min(1) @Max(3_600_000) Long perPeerIntervalMs, @Min(1) Integer perPeerBurst) {
        RateLimit {
            perPeerIntervalMs = perPeerIntervalMs == null ? 1000L : perPeerIntervalMs;
            perPeerBurst = perPeerBurst == null ? 5 : perPeerBurst;
        }
    }

    private static final EdgeConfigLoader<Sample> LOADER = EdgeConfigLoader.builder("sensor-proxy", Sample.class)
            .appendFromEnvironment("allowed_subnets")
            .envAlias("HOMEFLEET_SENSOR_PROXY_SUBNETS", "allowed_subnets")
            .checks(s -> s.nodeName().startsWith("-") ? List.of("node_name: must not start with '-'") : List.of())
            .build();

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    @Test
    void keysAreSnakeCaseDefaultsFillInAndDurationsReadAsWritten() throws Exception {
        Sample s = LOADER.load(write("node_name: pve1\nrate_limit:\n  per_peer_burst: 9\nread_timeout: 250ms\nhttp_enabled:\n"),
                Map.of());
        assertEquals("pve1", s.nodeName());
        assertEquals(9, s.rateLimit().perPeerBurst());
        assertEquals(1000L, s.rateLimit().perPeerIntervalMs());
        assertEquals(Duration.ofMillis(250), s.readTimeout());
        assertEquals(false, s.httpEnabled(), "a key without a value keeps its default");
        assertEquals(LOADER.load(dir.resolve("absent.yaml"), Map.of()), LOADER.load(write("# nothing\n"), Map.of()));
    }

    @Test
    void unknownKeysAreErrorsNamingTheKeyAndItsLine() throws Exception {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> LOADER.load(write("node_name: pve1\nrate_limit:\n  per_peer_brust: 3\n  per_peer_burst: 4\n"), Map.of()));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("unknown key 'rate_limit.per_peer_brust' (line 3); known keys there: "
                + "per_peer_burst, per_peer_interval_ms"), e.problems().toString());
        InvalidConfigException type = assertThrows(InvalidConfigException.class,
                () -> LOADER.load(write("node_name: pve1\nread_timeout: soon\n"), Map.of()));
        assertTrue(type.problems().get(0).startsWith("bad value for 'read_timeout' (line 2)"), type.problems().toString());
        assertTrue(assertThrows(InvalidConfigException.class, () -> LOADER.load(write("a: [\n"), Map.of()))
                .problems().get(0).startsWith("not valid YAML"));
        assertEquals(List.of("the top level must be a mapping of keys to values"),
                assertThrows(InvalidConfigException.class, () -> LOADER.load(write("- a\n"), Map.of())).problems());
    }

    @Test
    void everyKeyHasAnEnvironmentOverrideNamedByTheSameRule() throws Exception {
        Path file = write("allowed_subnets: [192.168.1.0/24]\n");
        Sample s = LOADER.load(file, Map.of(
                "HOMEFLEET_SENSOR_PROXY_RATE_LIMIT_PER_PEER_BURST", "20",
                "HOMEFLEET_SENSOR_PROXY_READ_TIMEOUT", "2s",
                "HOMEFLEET_SENSOR_PROXY_HTTP_ENABLED", "true",
                "HOMEFLEET_SENSOR_PROXY_SUBNETS", "10.0.0.0/8, 172.16.0.0/12"));
        assertEquals(20, s.rateLimit().perPeerBurst());
        assertEquals(Duration.ofSeconds(2), s.readTimeout());
        assertEquals(true, s.httpEnabled());
        assertEquals(List.of("192.168.1.0/24", "10.0.0.0/8", "172.16.0.0/12"), s.allowedSubnets(), "appends, by alias");
        assertEquals(List.of("HOMEFLEET_SENSOR_PROXY_NODE_NAME", "HOMEFLEET_SENSOR_PROXY_RATE_LIMIT_PER_PEER_INTERVAL_MS",
                "HOMEFLEET_SENSOR_PROXY_RATE_LIMIT_PER_PEER_BURST", "HOMEFLEET_SENSOR_PROXY_ALLOWED_SUBNETS",
                "HOMEFLEET_SENSOR_PROXY_READ_TIMEOUT", "HOMEFLEET_SENSOR_PROXY_HTTP_ENABLED"),
                LOADER.envKeys().stream().map(EdgeConfigLoader.EnvKey::envName).toList());
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> LOADER.load(file, Map.of("HOMEFLEET_SENSOR_PROXY_RATE_LIMIT_PER_PEER_BURST", "twenty")));
        assertTrue(e.problems().get(0).contains("'rate_limit.per_peer_burst'"), e.problems().toString());
    }

    @Test
    void everyProblemIsListedWithItsKeyInFileSpelling() throws Exception {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> LOADER.load(write("""
                node_name: -x
                rate_limit: {per_peer_interval_ms: 0, per_peer_burst: 0}
                allowed_subnets: [10.0.0.0/8, ""]
                read_timeout: 1h
                """), Map.of()));
        assertEquals(List.of("allowed_subnets[1]: empty",
                "rate_limit.per_peer_burst: must be greater than or equal to 1",
                "rate_limit.per_peer_interval_ms: must be greater than or equal to 1",
                "read_timeout: must be between 10ms and 5m",
                "node_name: must not start with '-'"), e.problems());
    }

    @Test
    void listItemsFromTheEnvironmentCanHaveTheirOwnShape() throws Exception {
        record Peer(Integer uid, List<String> capabilities) {
        }
        record Peers(List<Peer> allowedPeers) {
        }
        EdgeConfigLoader<Peers> loader = EdgeConfigLoader.builder("sensor-proxy", Peers.class)
                .envListItem("allowed_peers", item -> {
                    String[] uidCaps = item.split(":", 2);
                    var peer = JsonNodeFactory.instance.objectNode().put("uid", uidCaps[0]);
                    var caps = peer.putArray("capabilities");
                    List.of(uidCaps[1].split("\\+")).forEach(caps::add);
                    return peer;
                }).build();
        Peers p = loader.load(dir.resolve("absent.yaml"), Map.of("HOMEFLEET_SENSOR_PROXY_ALLOWED_PEERS", "0:read+admin,1000:read"));
        assertEquals(List.of(new Peer(0, List.of("read", "admin")), new Peer(1000, List.of("read"))), p.allowedPeers());
    }

    @Test
    void theOneNamingRuleIsJacksons() {
        assertEquals("max_ssh_output_bytes", EdgeConfigLoader.snakeCase("maxSshOutputBytes"));
        assertEquals("HOMEFLEET_SENSOR_PROXY_", EdgeConfigLoader.envPrefix("sensor-proxy"));
    }
}
