package io.homefleet.sensorproxy.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.sensorproxy.config.AllowedNodes;
import io.homefleet.sensorproxy.config.SecretFiles;
import io.homefleet.sensorproxy.support.MisbehavingHub;
import io.homefleet.sensorproxy.support.TestProxy;
import io.homefleet.sensorproxy.support.TestSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A node the hub authorizes by name and address is read over SSH at that address when its name does not resolve. */
class HubAddressFallbackTest {
    /** RFC 6761: names under .invalid never resolve. */
    private static final String NO_DNS = "pve-nodns.invalid";

    @Test
    void aNameThatDoesNotResolveIsReachedAtTheHubsAddress() {
        AllowedNodes list = AllowedNodes.fromAuthorized(List.of(new AuthorizedNode("pve2", "fd00::2"),
                new AuthorizedNode("pve2", "10.0.0.2"), new AuthorizedNode("pve3", null)));
        UnaryOperator<String> target = ConnectTargets.of(() -> list, name -> name.equals("pve-dns"));
        assertEquals("10.0.0.2", target.apply("pve2"), "IPv4 first");
        assertEquals("pve3", target.apply("pve3"), "no address: the name, and its error");
        assertEquals("pve-dns", target.apply("pve-dns"), "a name that resolves is used as is");
        assertEquals("10.9.9.9", target.apply("10.9.9.9"));
    }

    @Test
    void theProxyReadsAHubNodeWithoutDnsOverSsh() throws Exception {
        Assumptions.assumeTrue(TestSshd.available(), "openssh-server installed (see sensor-proxy/ci-packages.txt)");
        Path dir = TestProxy.workDir();
        Path answer = dir.resolve("answer.sh");
        Files.writeString(answer, "cat '" + TestProxy.FIXTURES.resolve("monitoring-head-amdgpu-plus-k10temp.json") + "'\nexit 1\n");
        List<AuthorizedNode> nodes = List.of(new AuthorizedNode("pve-local", "127.0.0.9"), new AuthorizedNode(NO_DNS, "127.0.0.1"));
        try (MisbehavingHub hub = new MisbehavingHub(); TestSshd sshd = new TestSshd(dir.resolve("sshd"), List.of("127.0.0.1"))) {
            hub.answer(200, "application/json", Json.mapper().writeValueAsString(
                    new AuthorizedNodes(nodes, AuthorizedNodes.hashOf(nodes), 60, Instant.now())));
            sshd.start();
            SecretFiles.write(dir.resolve("ctrl.token"), Tokens.generate(TokenKind.PROXY));
            String yaml = """
                    cache_ttl: 0s
                    ssh:
                      port: %d
                      connect_timeout: 5s
                      command_timeout: 5s
                      proxmox_known_hosts_file: ""
                    control_plane:
                      url: %s
                      token_file: ctrl.token
                      pinned_fingerprint: %s
                    """.formatted(sshd.port, hub.url(), hub.fingerprint);
            try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", yaml)) {
                t.proxy.sync().syncNow();
                sshd.authorize(AuthorizedKeyLine.of(SshKeyStore.publicLine(t.proxy.sshKey()), List.of("127.0.0.0/8"), "sh " + answer));
                JsonNode r = t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"" + NO_DNS + "\"}}");
                assertTrue(r.path("success").asBoolean(), r::toString);
                assertEquals(NO_DNS, r.path("data").path("node").asText(), "reported under the node's name");
                assertEquals(60.5, r.path("data").path("cpu").path("package").asDouble());
                assertTrue(Files.readString(dir.resolve("state").resolve("ssh").resolve("known_hosts")).contains("[127.0.0.1]:" + sshd.port),
                        "the host key is pinned for the address connected to");
            }
        }
    }
}
