package io.homefleet.sensorproxy.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.sensorproxy.support.TestProxy;
import io.homefleet.sensorproxy.support.TestSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cluster nodes over SSH against a real OpenSSH sshd on loopback whose forced command prints a fixture. */
class SshFanOutTest {
    @BeforeAll
    static void needsOpenSsh() {
        Assumptions.assumeTrue(TestSshd.available(), "openssh-server installed (see sensor-proxy/ci-packages.txt)");
    }

    private static String config(TestSshd sshd, String extra) {
        return """
                allowed_nodes: [127.0.0.1, 127.0.0.2]
                cache_ttl: 0s
                rate_limit: {per_peer_interval_ms: 10, per_peer_burst: 100}
                ssh:
                  port: %d
                  connect_timeout: 5s
                  command_timeout: 5s
                  proxmox_known_hosts_file: ""
                """.formatted(sshd.port) + extra;
    }

    private static void authorize(TestSshd sshd, TestProxy t, Path answer) throws Exception {
        String line = AuthorizedKeyLine.of(SshKeyStore.publicLine(t.proxy.sshKey()), List.of("127.0.0.0/8"), "sh " + answer);
        sshd.authorize(line);
    }

    @Test
    void readsNodesOverOneReusedSessionAndRefusesAChangedHostKey() throws Exception {
        Path dir = TestProxy.workDir();
        Path answer = dir.resolve("answer.sh");
        Files.writeString(answer, "cat '" + TestProxy.FIXTURES.resolve("monitoring-head-amdgpu-plus-k10temp.json") + "'\nexit 1\n");
        try (TestSshd sshd = new TestSshd(dir.resolve("sshd"), List.of("127.0.0.1", "127.0.0.2"))) {
            sshd.start();
            try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", config(sshd, "max_ssh_output_bytes: 2048\n"))) {
                authorize(sshd, t, answer);
                for (int i = 0; i < 3; i++) {
                    JsonNode r = t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"127.0.0.1\"}}");
                    assertTrue(r.path("success").asBoolean(), r::toString);
                    assertEquals(60.5, r.path("data").path("cpu").path("package").asDouble());
                    assertEquals("127.0.0.1", r.path("data").path("node").asText());
                    assertEquals(3, r.path("data").path("gpu").size());
                }
                // Each node answers its own sample (by the address sshd was reached on): no value may land on another node.
                Files.writeString(answer, "case \"$SSH_CONNECTION\" in *' 127.0.0.2 '*) cat '"
                        + TestProxy.FIXTURES.resolve("proxy-ssh-coretemp-pkg-42.json") + "' ;; *) cat '"
                        + TestProxy.FIXTURES.resolve("monitoring-head-amdgpu-plus-k10temp.json") + "' ;; esac\n");
                JsonNode sweep = t.call("{\"method\":\"get_temperatures\"}");
                assertEquals(3, sweep.path("data").path("temperatures").size(), sweep::toString);
                java.util.Map<String, Double> byNode = new java.util.HashMap<>();
                sweep.path("data").path("temperatures").forEach(s -> byNode.put(s.path("node").asText(), s.path("cpu").path("package").asDouble()));
                assertEquals(60.5, byNode.get("127.0.0.1"), byNode::toString);
                assertEquals(42.0, byNode.get("127.0.0.2"), byNode::toString);
                assertEquals(42.0, byNode.get("pve-local"), byNode::toString);
                assertEquals(2, sshd.acceptedLogins(), "one session per node (opened at start), reused for every read");

                Files.writeString(answer, "yes '{}' | head -c 4096\n");
                JsonNode big = t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"127.0.0.1\"}}");
                assertEquals("unavailable", big.path("error_code").asText());
                assertTrue(big.path("error").asText().contains("max_ssh_output_bytes"), big::toString);

                Files.writeString(answer, "echo 'sensors: not found' >&2; exit 127\n");
                JsonNode nothing = t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"127.0.0.1\"}}");
                assertTrue(nothing.path("error").asText().contains("printed nothing"), nothing::toString);

                JsonNode keys = t.call("{\"method\":\"ensure_cluster_keys\"}");
                assertTrue(keys.path("data").path("authorized_line").asText().contains("no-pty"), keys::toString);
                assertEquals("failed", keys.path("data").path("nodes").path(0).path("status").asText(), "the node answers garbage now");
            }
            String pinned = Files.readString(dir.resolve("state/ssh/known_hosts"));
            assertTrue(pinned.contains("[127.0.0.1]:" + sshd.port + " ssh-ed25519 "), pinned);

            sshd.stop();
            sshd.newHostKey();
            sshd.start();
            Files.writeString(answer, "cat '" + TestProxy.FIXTURES.resolve("proxy-ssh-coretemp-pkg-42.json") + "'\n");
            try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", config(sshd, "max_ssh_output_bytes: 2048\n"))) {
                JsonNode refused = t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"127.0.0.1\"}}");
                assertFalse(refused.path("success").asBoolean());
                assertTrue(refused.path("error").asText().contains("host key of [127.0.0.1]:" + sshd.port + " changed"), refused::toString);
                assertEquals(1.0, t.registry.find("homefleet_sensor_proxy_host_key_changes").counter().count());
            }
            assertEquals(pinned, Files.readString(dir.resolve("state/ssh/known_hosts")), "the pinned key is never replaced");
            assertTrue(Files.readString(dir.resolve("audit.jsonl")).contains("ssh_host_key_changed"));
        }
    }

    @Test
    void withoutTrustOnFirstUseAnUnknownHostIsRefused() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestSshd sshd = new TestSshd(dir.resolve("sshd"), List.of("127.0.0.1"))) {
            sshd.start();
            try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", config(sshd, "require_proxmox_hostkeys: true\n"))) {
                authorize(sshd, t, dir.resolve("none.sh"));
                JsonNode r = t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"127.0.0.1\"}}");
                assertTrue(r.path("error").asText().contains("require_proxmox_hostkeys"), r::toString);
                assertFalse(Files.exists(dir.resolve("state/ssh/known_hosts")));
            }
        }
    }
}
