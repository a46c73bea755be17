package io.homefleet.sensorproxy.controlplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.sensorproxy.config.SecretFiles;
import io.homefleet.sensorproxy.support.MisbehavingHub;
import io.homefleet.sensorproxy.support.TestProxy;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.TrustOptions;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Answers the real hub never gives, from a server that says whatever it is told: each is refused and the list in
 * force, its cache file and the allowed nodes stay exactly as they were.
 */
class HubAnswersRejectedTest {
    private static final List<AuthorizedNode> GOOD = List.of(new AuthorizedNode("pve-x1", "10.9.0.1"),
            new AuthorizedNode("pve-x2", "10.9.0.2"));

    private static String list(List<AuthorizedNode> nodes, String hash) throws Exception {
        return Json.mapper().writeValueAsString(new AuthorizedNodes(nodes, hash, 60, Instant.parse("2026-11-21T08:00:00Z")));
    }

    /** A control_plane block trusting exactly this server's certificate; retries slow enough not to interfere. */
    private static String pinnedTo(MisbehavingHub hub) {
        return """
                control_plane:
                  url: %s
                  token_file: ctrl.token
                  pinned_fingerprint: %s
                  retry_initial: 10s
                """.formatted(hub.url(), hub.fingerprint);
    }

    private static double rejected(TestProxy proxy) {
        Counter c = proxy.registry.find("homefleet_sensor_proxy_allowlist_sync_attempts").tag("result", "rejected").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void garbageEmptyAndMismatchedListsAreRefusedWithoutTouchingTheListInForce() throws Exception {
        try (MisbehavingHub hub = new MisbehavingHub()) {
            Path dir = TestProxy.workDir();
            SecretFiles.write(dir.resolve("ctrl.token"), Tokens.generate(TokenKind.PROXY));
            String yaml = pinnedTo(hub);
            String goodHash = AuthorizedNodes.hashOf(GOOD);
            hub.answer(200, "application/json", list(GOOD, goodHash));
            try (TestProxy proxy = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", yaml)) {
                AllowlistSync sync = proxy.proxy.sync();
                sync.syncNow();
                assertEquals(goodHash, sync.status().hash(), String.valueOf(sync.status().lastError()));
                Path cache = dir.resolve("allowed_nodes.yaml");
                byte[] cached = Files.readAllBytes(cache);

                List<AuthorizedNode> sneaky = List.of(new AuthorizedNode("pve-x1", "10.9.0.1"), new AuthorizedNode("evil", "10.66.0.1"));
                Map<String, String[]> bad = new java.util.LinkedHashMap<>();
                bad.put("garbage", new String[] {"application/json", "{\"nodes\": [", "not a valid authorized-nodes document"});
                bad.put("html", new String[] {"text/html", "<html>proxy error</html>", "not a valid authorized-nodes document"});
                bad.put("empty", new String[] {"application/json", list(List.of(), AuthorizedNodes.hashOf(List.of())), "empty"});
                bad.put("mismatch", new String[] {"application/json", list(sneaky, goodHash), "do not hash to"});
                bad.put("bad hash", new String[] {"application/json", list(sneaky, "md5:abc"), "is not sha256"});
                bad.put("no nodes", new String[] {"application/json", "{\"hash\":\"" + goodHash + "\",\"refresh_interval\":60}", "no nodes"});
                List<AuthorizedNode> optionLike = List.of(new AuthorizedNode("-oProxyCommand=x", null));
                bad.put("bad name", new String[] {"application/json", list(optionLike, AuthorizedNodes.hashOf(optionLike)), "must not start with '-'"});
                List<AuthorizedNode> badIp = List.of(new AuthorizedNode("pve-x1", "10.9.0.1; rm"));
                bad.put("bad ip", new String[] {"application/json", list(badIp, AuthorizedNodes.hashOf(badIp)), "not an IP address"});

                double rejectedBefore = rejected(proxy);
                for (Map.Entry<String, String[]> b : bad.entrySet()) {
                    hub.answer(200, b.getValue()[0], b.getValue()[1]);
                    sync.syncNow();
                    String error = String.valueOf(sync.status().lastError());
                    assertTrue(error.contains(b.getValue()[2]), b.getKey() + ": " + error);
                    assertEquals(goodHash, sync.status().hash(), b.getKey() + ": the list in force stays");
                    assertTrue(proxy.proxy.temperatures().access().allowed().permits("pve-x2"), b.getKey());
                    assertFalse(proxy.proxy.temperatures().access().allowed().permits("evil"), b.getKey());
                    assertFalse(proxy.proxy.temperatures().access().allowed().permits("10.66.0.1"), b.getKey());
                    assertArrayEquals(cached, Files.readAllBytes(cache), b.getKey() + ": the cache file is untouched");
                }
                assertEquals(rejectedBefore + bad.size(), rejected(proxy));
                assertEquals(bad.size(), sync.status().consecutiveFailures());

                hub.answer(500, "application/problem+json", "{\"status\":500,\"detail\":\"database on fire\"}");
                sync.syncNow();
                assertTrue(sync.status().lastError().contains("HTTP 500: database on fire"), sync.status().lastError());

                List<AuthorizedNode> next = List.of(new AuthorizedNode("pve-x1", "10.9.0.1"), new AuthorizedNode("pve-x3", "10.9.0.3"));
                hub.answer(200, "application/json", list(next, AuthorizedNodes.hashOf(next)));
                sync.syncNow();
                assertNull(sync.status().lastError(), "a good answer is taken again");
                assertTrue(proxy.proxy.temperatures().access().allowed().permits("pve-x3"));
                assertFalse(proxy.proxy.temperatures().access().allowed().permits("pve-x2"), "the hub's list replaces, not merges");
            }
        }
    }

    @Test
    void onlyThePinnedCertificateIsTrusted() throws Exception {
        try (MisbehavingHub hub = new MisbehavingHub()) {
            String token = Tokens.generate(TokenKind.PROXY);
            hub.answer(200, "application/json", list(GOOD, AuthorizedNodes.hashOf(GOOD)));
            HubApi pinned = HubPulls.client(hub.url(), TrustOptions.pinned(Fingerprint.parse(hub.fingerprint)), Duration.ofSeconds(5));
            assertEquals(GOOD, HubPulls.authorizedNodes(pinned, token, null).orElseThrow().nodes());

            int served = hub.requests();
            String otherPin = (Character.toLowerCase(hub.fingerprint.charAt(0)) == 'a' ? "b" : "a") + hub.fingerprint.substring(1);
            HubApi wrongPin = HubPulls.client(hub.url(), TrustOptions.pinned(Fingerprint.parse(otherPin)), Duration.ofSeconds(5));
            HubException e = assertThrows(HubException.class, () -> HubPulls.authorizedNodes(wrongPin, token, null));
            assertEquals(HubException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
            HubApi jvmCas = HubPulls.client(hub.url(), TrustOptions.jvmDefault(), Duration.ofSeconds(5));
            assertEquals(HubException.Kind.UNREACHABLE, assertThrows(HubException.class, () -> HubPulls.authorizedNodes(jvmCas, token, null)).kind(),
                    "a test CA's certificate is not trusted by default");
            assertEquals(served, hub.requests(), "no request (and no token) went over an untrusted connection");
        }
    }

    @Test
    void aCachedListThatIsNoLongerUsableFallsBackToThePlainEntries() throws Exception {
        try (MisbehavingHub hub = new MisbehavingHub()) {
            Path dir = TestProxy.workDir();
            SecretFiles.write(dir.resolve("ctrl.token"), Tokens.generate(TokenKind.PROXY));
            List<AuthorizedNode> optionLike = List.of(new AuthorizedNode("-oProxyCommand=x", "10.9.0.9"));
            Files.writeString(dir.resolve("allowed_nodes.yaml"), """
                    allowed_nodes: [pve-plain]
                    control_plane:
                      nodes:
                      - name: "-oProxyCommand=x"
                        ip: 10.9.0.9
                      hash: %s
                      updated_at: '2026-11-21T08:00:00Z'
                    """.formatted(AuthorizedNodes.hashOf(optionLike)));
            hub.answer(503, "application/problem+json", "{\"status\":503,\"detail\":\"starting\"}");
            String yaml = pinnedTo(hub);
            try (TestProxy proxy = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", yaml)) {
                proxy.proxy.sync().syncNow();
                assertEquals("file", proxy.proxy.sync().status().source());
                assertNull(proxy.proxy.sync().status().hash(), "no hub hash is claimed for the fallback list");
                assertTrue(proxy.proxy.temperatures().access().allowed().permits("pve-plain"));
                assertFalse(proxy.proxy.temperatures().access().allowed().permits("10.9.0.9"));
                assertTrue(proxy.proxy.sync().status().lastError().contains("HTTP 503: starting"));
            }
        }
    }
}
