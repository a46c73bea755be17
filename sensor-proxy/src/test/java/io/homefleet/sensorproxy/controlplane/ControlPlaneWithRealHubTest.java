package io.homefleet.sensorproxy.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.SensorProxyStatus;
import io.homefleet.common.contract.v1.TemperatureProxyRegistered;
import io.homefleet.common.contract.v1.TemperatureProxyRegistration;
import io.homefleet.sensorproxy.config.AllowedNodesFile;
import io.homefleet.sensorproxy.config.ControlPlaneSnapshot;
import io.homefleet.sensorproxy.config.SecretFiles;
import io.homefleet.common.testing.RealHub;
import io.homefleet.sensorproxy.support.HttpsHub;
import io.homefleet.sensorproxy.support.TestProxy;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.tls.TrustOptions;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The proxy's control-plane code against the real hub (its jar, embedded PostgreSQL, HTTPS with a test CA): the
 * list is scoped to the proxy's cluster, 304 when unchanged, a host joining reaches the running proxy and its cache
 * file, rotation refuses the old token, 429 is honoured, and with the hub down the proxy keeps its list, backs off
 * and recovers. The hub restart runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneWithRealHubTest {
    private static final String ALPHA = AuthorizedNodes.hashOf(List.of(new AuthorizedNode("sync-a1", "10.11.0.1"),
            new AuthorizedNode("sync-a2", "10.11.0.2"), new AuthorizedNode("sync-a2", "fd00:11::2")));
    private static final String ALPHA_WITH_A3 = AuthorizedNodes.hashOf(List.of(new AuthorizedNode("sync-a1", "10.11.0.1"),
            new AuthorizedNode("sync-a2", "10.11.0.2"), new AuthorizedNode("sync-a2", "fd00:11::2"),
            new AuthorizedNode("sync-a3", "10.11.0.3")));
    private static RealHub hub;

    @BeforeAll
    static void fleet() throws Exception {
        hub = HttpsHub.get();
        hub.host("sync-a1", "sync-alpha", "10.11.0.1");
        hub.host("sync-a2", "sync-alpha", "10.11.0.2", "fd00:11::2");
        hub.host("sync-b1", "sync-beta", "10.12.0.1");
        hub.host("sync-c1", "sync-gamma", "10.13.0.1");
    }

    private static HubApi client() throws Exception {
        return HubPulls.client(hub.url, TrustOptions.caBundle(hub.caPem), Duration.ofSeconds(10));
    }

    /** Registers the host's proxy through the client and writes its control token as the proxy would. */
    private static TemperatureProxyRegistered register(String hostId, Path dir) throws Exception {
        String key = SecretFiles.read(hub.hostKeyFile(hostId, dir));
        TemperatureProxyRegistered r = client().registerTemperatureProxy(Credential.bearer(key),
                new TemperatureProxyRegistration(hostId, null, TemperatureProxyRegistration.Kind.SOCKET, null));
        SecretFiles.write(dir.resolve("ctrl.token"), r.ctrlToken());
        return r;
    }

    private static String controlPlaneYaml() {
        return """
                control_plane:
                  url: %s
                  token_file: ctrl.token
                  ca_file: %s
                  retry_initial: 100ms
                """.formatted(hub.url, hub.caPem);
    }

    private static double syncs(TestProxy proxy, String result) {
        Counter c = proxy.registry.find("homefleet_sensor_proxy_allowlist_sync_attempts").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    private static Set<String> names(List<AuthorizedNode> nodes) {
        return nodes.stream().map(AuthorizedNode::name).collect(Collectors.toSet());
    }

    private static AuthorizedNodes current(String token) throws Exception {
        return HubPulls.authorizedNodes(client(), token, null).orElseThrow();
    }

    @Test
    @Order(1)
    void eachProxyGetsOnlyItsOwnClusterAndA304WhileItIsUnchanged() throws Exception {
        Path dir = TestProxy.workDir();
        TemperatureProxyRegistered a = register("sync-a1", dir);
        assertEquals("sync-alpha", a.cluster());
        assertEquals(Set.of("sync-a1", "sync-a2"), names(a.allowedNodes()));
        Path other = TestProxy.workDir();
        TemperatureProxyRegistered b = register("sync-b1", other);
        assertEquals(Set.of("sync-b1"), names(b.allowedNodes()));

        AuthorizedNodes alpha = current(a.ctrlToken());
        assertEquals(Set.of("sync-a1", "sync-a2"), names(alpha.nodes()));
        assertEquals(ALPHA, alpha.hash());
        assertEquals(Set.of("sync-b1"), names(current(b.ctrlToken()).nodes()));
        assertEquals(Optional.empty(), HubPulls.authorizedNodes(client(), a.ctrlToken(), alpha.hash()), "same hash: 304, no body");
    }

    @Test
    @Order(2)
    void theSyncAppliesTheHubsListPersistsItAndPicksUpAJoiningHost() throws Exception {
        Path dir = TestProxy.workDir();
        TemperatureProxyRegistered reg = register("sync-a2", dir);
        try (TestProxy proxy = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", controlPlaneYaml())) {
            AllowlistSync sync = proxy.proxy.sync();
            assertNotNull(sync, "control_plane.url set: the hub decides the list");
            sync.syncNow();
            SensorProxyStatus.Allowlist status = sync.status();
            assertEquals("control_plane", status.source());
            assertEquals(ALPHA, status.hash(), "the hash of exactly this cluster's nodes and addresses");
            assertNull(status.lastError());
            assertTrue(syncs(proxy, "updated") >= 1);

            // Scoped: another cluster's node and an unknown name are refused, names and addresses of its own are not.
            assertEquals("node_not_allowed", proxy.call(get("sync-b1")).path("error_code").asText(""),
                    "another cluster's node is refused");
            assertEquals("node_not_allowed", proxy.call(get("anything-else")).path("error_code").asText(""));
            assertTrue(proxy.proxy.temperatures().access().allowed().permits("fd00:11::2"));
            assertTrue(proxy.proxy.temperatures().access().allowed().permits("SYNC-A1"));

            double notModified = syncs(proxy, "not_modified");
            sync.syncNow();
            assertEquals(notModified + 1, syncs(proxy, "not_modified"), "an unchanged list is a 304");

            JsonNode viaSocket = proxy.call("{\"method\":\"get_status\"}").path("data").path("allowlist");
            assertEquals("control_plane", viaSocket.path("source").asText());
            assertEquals(status.hash(), viaSocket.path("hash").asText());
            assertTrue(viaSocket.path("sync_enabled").asBoolean());

            hub.host("sync-a3", "sync-alpha", "10.11.0.3");
            // The hub may answer from memory for up to its documented staleness bound (2 s) after a change.
            long deadline = System.currentTimeMillis() + 4_000;
            do {
                Thread.sleep(500);
                sync.syncNow();
            } while (!ALPHA_WITH_A3.equals(sync.status().hash()) && System.currentTimeMillis() < deadline);
            SensorProxyStatus.Allowlist after = sync.status();
            assertEquals(ALPHA_WITH_A3, after.hash(), "a joining host changes the list: " + after);
            assertTrue(proxy.proxy.temperatures().access().allowed().permits("sync-a3"));
            assertTrue(proxy.proxy.temperatures().access().allowed().permits("10.11.0.3"));
            assertTrue(proxy.proxy.temperatures().access().allowed().sweepTargets().contains("sync-a3"));

            ControlPlaneSnapshot cached = new AllowedNodesFile(dir.resolve("allowed_nodes.yaml")).readSnapshot().orElseThrow();
            assertEquals(after.hash(), cached.hash(), "the new list is cached in allowed_nodes.yaml");
            assertTrue(names(cached.nodes()).contains("sync-a3"));
            assertTrue(new AllowedNodesFile(dir.resolve("allowed_nodes.yaml")).read().contains("sync-a3"),
                    "and readable as a plain list");
            assertTrue(Files.readString(dir.resolve("audit.jsonl")).contains("allowlist_changed"));
        }
        // Started again: the cached list is in force at once, and the first pull is a 304.
        try (TestProxy again = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", controlPlaneYaml())) {
            SensorProxyStatus.Allowlist cachedStatus = again.proxy.sync().status();
            assertTrue(again.proxy.temperatures().access().allowed().permits("sync-a3"), "the cached list serves at start");
            again.proxy.sync().syncNow();
            assertTrue(syncs(again, "not_modified") >= 1, "the cached hash is sent as If-None-Match");
            assertEquals(cachedStatus.hash(), again.proxy.sync().status().hash());
            assertEquals("control_plane", again.proxy.sync().status().source());
        }
    }

    @Test
    @Order(3)
    void reRegisteringRefusesTheOldTokenAndTheSyncUsesTheNewTokenFile() throws Exception {
        Path dir = TestProxy.workDir();
        TemperatureProxyRegistered first = register("sync-a1", dir);
        try (TestProxy proxy = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", controlPlaneYaml())) {
            AllowlistSync sync = proxy.proxy.sync();
            sync.syncNow();
            String hash = sync.status().hash();

            Path elsewhere = TestProxy.workDir();
            TemperatureProxyRegistered second = register("sync-a1", elsewhere);
            assertEquals(first.instanceId(), second.instanceId(), "the same proxy, new tokens");
            HubException refused = assertThrows(HubException.class, () -> HubPulls.authorizedNodes(client(), first.ctrlToken(), null));
            assertEquals(401, refused.status(), "the old token stops working at once");

            sync.syncNow();
            SensorProxyStatus.Allowlist failed = sync.status();
            assertTrue(failed.lastError().contains("401") && failed.lastError().contains("sensor-proxy register"), failed.lastError());
            assertEquals(hash, failed.hash(), "the list in force stays");
            assertTrue(proxy.proxy.temperatures().access().allowed().permits("sync-a2"));

            SecretFiles.write(dir.resolve("ctrl.token"), second.ctrlToken());
            sync.syncNow();
            assertNull(sync.status().lastError(), "the token file is read again before each pull");
            assertEquals(0, sync.status().consecutiveFailures());
        }
    }

    @Test
    @Order(4)
    void pullsBeyondTheHubsRateLimitAre429AndTheSyncWaitsAtLeastRetryAfter() throws Exception {
        Path dir = TestProxy.workDir();
        TemperatureProxyRegistered reg = register("sync-c1", dir);
        HubApi client = client();
        HubException limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            try {
                HubPulls.authorizedNodes(client, reg.ctrlToken(), null);
            } catch (HubException e) {
                limited = e;
            }
        }
        assertNotNull(limited, "the hub limits pulls per proxy");
        assertEquals(HubException.Kind.RATE_LIMITED, limited.kind());
        assertNotNull(limited.retryAfter());
        assertTrue(limited.retryAfter().toSeconds() >= 1, limited.retryAfter().toString());

        try (TestProxy proxy = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", controlPlaneYaml())) {
            AllowlistSync sync = proxy.proxy.sync();
            sync.syncNow();
            SensorProxyStatus.Allowlist s = sync.status();
            assertTrue(s.lastError() != null && s.lastError().contains("429"), String.valueOf(s.lastError()));
            assertTrue(Duration.between(s.lastAttempt(), s.nextSync()).toMillis() >= 1000,
                    "Retry-After is honoured over the short backoff: " + s);
            assertTrue(syncs(proxy, "rate_limited") >= 1);
            assertEquals("node_not_allowed", proxy.call(get("sync-c1-peer")).path("error_code").asText(""),
                    "no list yet and sync configured: remote nodes are refused, never allowed by default");
        }
    }

    @Test
    @Order(100)
    void withTheHubDownTheProxyKeepsItsListBacksOffAndRecoversWhenItReturns() throws Exception {
        Path dir = TestProxy.workDir();
        register("sync-b1", dir);
        try (TestProxy proxy = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", controlPlaneYaml())) {
            AllowlistSync sync = proxy.proxy.sync();
            sync.syncNow();
            String hash = sync.status().hash();
            assertNull(sync.status().lastError());

            hub.stop();
            sync.syncNow();
            List<Long> waits = new ArrayList<>();
            int seen = 0;
            // the first failure is the pull made now; the retries after it are the sync's own
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen < 4 && System.currentTimeMillis() < deadline) {
                SensorProxyStatus.Allowlist s = sync.status();
                if (s.consecutiveFailures() > seen) {
                    seen = s.consecutiveFailures();
                    waits.add(Duration.between(s.lastAttempt(), s.nextSync()).toMillis());
                }
                Thread.sleep(20);
            }
            assertTrue(seen >= 4, "the sync retries on its own while the hub is down: " + waits);
            assertTrue(waits.get(waits.size() - 1) > waits.get(0), "the waits grow: " + waits);
            SensorProxyStatus.Allowlist down = sync.status();
            assertTrue(down.lastError().contains("cannot reach the hub"), down.lastError());
            assertEquals(hash, down.hash(), "the last list stays in force");
            assertTrue(proxy.proxy.temperatures().access().allowed().permits("sync-b1"));
            assertEquals("node_not_allowed", proxy.call(get("sync-a1")).path("error_code").asText(""),
                    "and it never falls back to allowing any node");
            assertTrue(syncs(proxy, "unreachable") >= 4);

            hub.start();
            long recovered = System.currentTimeMillis() + 60_000;
            while (sync.status().consecutiveFailures() > 0 && System.currentTimeMillis() < recovered) {
                Thread.sleep(100);
            }
            SensorProxyStatus.Allowlist back = sync.status();
            assertEquals(0, back.consecutiveFailures(), "the scheduled retries reach the hub again: " + back);
            assertNull(back.lastError());
            assertEquals(hash, back.hash());
            assertFalse(back.lastSuccessfulSync().isBefore(down.lastAttempt()));
        }
    }

    private static String get(String node) {
        return "{\"method\":\"get_temperature\",\"params\":{\"node\":\"" + node + "\"}}";
    }
}
