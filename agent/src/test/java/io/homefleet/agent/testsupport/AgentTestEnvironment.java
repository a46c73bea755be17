package io.homefleet.agent.testsupport;

import io.homefleet.service.tls.SelfSignedCertificate;
import io.homefleet.agent.localapi.auth.OperatorCredential;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.testing.PveshStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything an agent under test needs, in a fresh directory under target/: agent.yaml, a host key, the hub's approval key pair, the local operator token, the TLS certificate, the pvesh stand-in with its
 * state, and a hub stand-in. Tests find it all through {@link TestEnv}.
 */
public class AgentTestEnvironment implements QuarkusTestResourceLifecycleManager {
    private HubStandIn hub;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Path.of("target", "agent-test-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
            Files.createDirectories(dir);
            String hostKey = Tokens.generate(TokenKind.HOST);
            secret(dir.resolve("host.key"), hostKey);
            KeyPair approvalKeys = Approvals.newKeyPair();
            Files.writeString(dir.resolve("hub-approval.pub.pem"), Approvals.publicKeyPem(approvalKeys));
            secret(dir.resolve(TestEnv.APPROVAL_SIGNING_KEY), Approvals.privateKeyPem(approvalKeys));
            Path state = dir.resolve("state");
            String localOperator = new OperatorCredential(state.resolve("operator-token.sha256")).rotate();
            secret(dir.resolve(TestEnv.LOCAL_OPERATOR_TOKEN), localOperator);
            hub = new HubStandIn(hostKey, TestEnv.HOST_ID);
            Path pvesh = installPveshStandIn(dir);
            Files.createDirectories(dir.resolve("tank"));
            Path cert = state.resolve("tls/local-api.crt");
            Path key = state.resolve("tls/local-api.key");
            SelfSignedCertificate.ensure(cert, key, "CN=homefleet-agent " + TestEnv.HOST_ID,
                    List.of("localhost", TestEnv.HOST_ID, "127.0.0.1"));
            Files.writeString(dir.resolve("agent.yaml"), """
                    hub:
                      url: %s
                      host_id: %s
                      host_key_file: %s
                      approval_public_key_file: %s
                      report_interval_seconds: 5
                    local_api:
                      listen_addr: 127.0.0.1:8443
                      advertise_addr: 192.0.2.10:8443
                    state_dir: %s
                    backup:
                      restore_storage: local-lvm
                    proxmox:
                      node: pve
                      pvesh: %s
                      task_timeout_seconds: 20
                    sensor_proxy:
                      socket: %s
                    """.formatted(hub.url(), TestEnv.HOST_ID, dir.resolve("host.key"),
                    dir.resolve("hub-approval.pub.pem"), state, pvesh, dir.resolve("sensor-proxy.sock")));
            return Map.of(
                    "homefleet.agent.config-file", dir.resolve("agent.yaml").toString(),
                    "quarkus.http.ssl.certificate.files", cert.toString(),
                    "quarkus.http.ssl.certificate.key-files", key.toString(),
                    "quarkus.http.insecure-requests", "enabled");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path installPveshStandIn(Path dir) throws IOException {
        try (InputStream in = AgentTestEnvironment.class.getResourceAsStream("/proxmox/pvesh-standin")) {
            return PveshStandIn.install(dir, in.readAllBytes(), dir.resolve("tank"), Map.of(TestEnv.GOLDEN_ARCHIVE,
                    Map.of("arch", "amd64", "ostype", "debian", "hostname", "golden-build", "unprivileged", 1,
                            "features", "nesting=1", "hookscript", "local:snippets/golden-hook.sh", "dev0", "/dev/kvm",
                            "memory", 2048)));
        }
    }

    private static void secret(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** The operator's placement of a customer's guest on this host, as the hub stand-in keeps it. */
    public void placeOnHub(String customerId, int vmid) {
        hub.place(customerId, vmid);
    }

    @Override
    public void stop() {
        if (hub != null) {
            hub.close();
        }
    }
}
