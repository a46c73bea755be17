package io.homefleet.agent.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.agent.approval.ApprovalVerifier;
import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.agent.guest.ProvisioningJournal;
import io.homefleet.agent.host.HostMetricsService;
import io.homefleet.agent.proxmox.PveshProxmoxApi;
import io.homefleet.agent.storage.StorageService;
import io.homefleet.agent.temperature.TemperatureService;
import io.homefleet.agent.testsupport.AgentTestEnvironment;
import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.contract.v1.PendingOperation;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.common.testing.HubJar;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.hubclient.HubOutcome;
import io.homefleet.service.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's hub client against the real hub, started from its jar with its embedded PostgreSQL: the host report
 * built from real host figures is accepted and stored once per report_id; the customer key provisioning fetches is
 * a key the hub accepts for that customer's controller reports, and the host key is not; an approval the hub signs
 * passes the agent's own verifier for exactly its operation.
 */
class RealHubTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String HOST_ID = "pve-real-01";
    private static HubJar hub;
    private static String url;
    /** The same hub's HTTPS listener, with a self-signed certificate the agent pins. */
    private static String httpsUrl;
    private static SelfSignedCertificate hubCertificate;
    private static String operatorToken;
    private static Path dir;
    private static AgentTestEnvironment agentEnvironment;
    private static AgentConfig agentConfig;

    @BeforeAll
    static void startHub() throws Exception {
        agentEnvironment = new AgentTestEnvironment();
        agentConfig = AgentConfigLoader.load(Path.of(agentEnvironment.start().get("homefleet.agent.config-file")));
        dir = Path.of("target", "real-hub-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Files.createDirectories(dir);
        operatorToken = Tokens.generate(TokenKind.OPERATOR);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int httpsPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            httpsPort = socket.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        httpsUrl = "https://127.0.0.1:" + httpsPort;
        hubCertificate = SelfSignedCertificate.generate("CN=hub", List.of("127.0.0.1"));
        hubCertificate.write(dir.resolve("hub.crt"), dir.resolve("hub.key"));
        hub = new HubJar(dir, List.of("homefleet.hub.operator.token=" + operatorToken,
                "quarkus.http.port=" + port, "quarkus.http.host=127.0.0.1", "quarkus.http.ssl-port=" + httpsPort,
                "quarkus.http.ssl.certificate.files=" + dir.resolve("hub.crt"),
                "quarkus.http.ssl.certificate.key-files=" + dir.resolve("hub.key")));
        hub.start(() -> call("GET", "/healthz", null, null).statusCode() == 200, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (agentEnvironment != null) {
            agentEnvironment.stop();
        }
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void aHostReportFromRealFiguresIsAcceptedAndStoredOncePerReportId() throws Exception {
        assertEquals(201, call("POST", "/api/v1/hosts", operatorToken,
                Map.of("id", HOST_ID, "hostname", HOST_ID)).statusCode());
        HttpResponse<String> issued = call("POST", "/api/v1/hosts/" + HOST_ID + "/keys", operatorToken, null);
        assertEquals(201, issued.statusCode(), issued.body());
        Path hostKeyFile = dir.resolve("host.key");
        Files.writeString(hostKeyFile, JSON.readValue(issued.body(), IssuedKey.class).key());
        Files.setPosixFilePermissions(hostKeyFile, PosixFilePermissions.fromString("rw-------"));

        HostReport report = reportBuilder().build();
        HubApi client = overPlainHttp();
        HubOutcome first = postHostReport(client, hostKeyFile, report);
        assertTrue(first.accepted(), first.toString());
        HubOutcome again = postHostReport(client, hostKeyFile, report);
        assertTrue(again.accepted(), "a re-sent report is acknowledged: " + again);

        JsonNode host = JSON.readTree(call("GET", "/api/v1/hosts/" + HOST_ID, operatorToken, null).body());
        assertEquals(report.metrics().memoryTotal().longValue(),
                host.path("latest_report").path("metrics").path("memory_total").asLong(), host.toString());
        assertEquals(report.reportId().toString(), host.path("latest_report").path("report_id").asText());
        assertTrue(host.path("latest_report").path("storages").toString().contains("local-lvm"));
    }

    @Test
    void theHubsRefusalsComeBackWithItsOwnWords() throws Exception {
        Path unknownKey = Files.writeString(dir.resolve("unknown-host.key"), Tokens.generate(TokenKind.HOST));
        HubOutcome unknown = postHostReport(overPlainHttp(), unknownKey, reportFor("pve-real-02"));
        assertEquals(HubOutcome.Kind.REJECTED, unknown.kind());
        assertEquals(401, unknown.status(), unknown.toString());
        assertTrue(unknown.detail().startsWith("HTTP 401: "), unknown.detail());
    }

    @Test
    void theCustomerKeyProvisioningFetchesWithTheHostKeyIsAcceptedForThatCustomerAndTheHostKeyIsNot() throws Exception {
        String hostId = "pve-real-03";
        assertEquals(201, call("POST", "/api/v1/hosts", operatorToken, Map.of("id", hostId, "hostname", hostId))
                .statusCode());
        Path hostKeyFile = dir.resolve("host-03.key");
        String hostKey = JSON.readValue(call("POST", "/api/v1/hosts/" + hostId + "/keys", operatorToken, null).body(),
                IssuedKey.class).key();
        Files.writeString(hostKeyFile, hostKey);
        Files.setPosixFilePermissions(hostKeyFile, PosixFilePermissions.fromString("rw-------"));
        assertEquals(201, call("POST", "/api/v1/customers", operatorToken,
                Map.of("id", "demo-felhom", "name", "Felhom Demo", "domain", "demo-felhom.eu")).statusCode());
        HubApi client = overPlainHttp();
        Credential hostCredential = Credential.bearerFromFile(hostKeyFile, TokenKind.HOST);

        HubException unplaced = org.junit.jupiter.api.Assertions.assertThrows(HubException.class,
                () -> client.issueGuestCustomerKey(hostCredential, hostId, 9200, "demo-felhom"));
        assertTrue(unplaced.getMessage().contains("HTTP 403") && unplaced.getMessage().contains("not placed"),
                unplaced.getMessage());

        assertEquals(200, call("PUT", "/api/v1/customers/demo-felhom/placement", operatorToken,
                Map.of("host_id", hostId, "vmid", 9200)).statusCode());
        IssuedKey key = client.issueGuestCustomerKey(hostCredential, hostId, 9200, "demo-felhom");
        assertTrue(key.key().startsWith("hfc_"), "provisioning must receive a customer key");

        Map<String, Object> controllerReport = Map.of("report_id", UUID.randomUUID().toString(),
                "customer_id", "demo-felhom", "sent_at", Instant.now().toString(), "health", Map.of("status", "ok"));
        HttpResponse<String> withCustomerKey = call("POST", "/api/v1/report", key.key(), controllerReport);
        assertEquals(202, withCustomerKey.statusCode(), "the seed's 3.5: the bootstrap's key works: " + withCustomerKey.body());
        HttpResponse<String> withHostKey = call("POST", "/api/v1/report", hostKey, controllerReport);
        assertEquals(403, withHostKey.statusCode(), "a host key must never pass as a customer key");

        // Provisioning the guest again revokes the key it got before: keys are not piled up.
        IssuedKey again = client.issueGuestCustomerKey(hostCredential, hostId, 9200, "demo-felhom");
        assertEquals(401, call("POST", "/api/v1/report", key.key(), controllerReport).statusCode());
        assertEquals(202, call("POST", "/api/v1/report", again.key(), Map.of("report_id", UUID.randomUUID().toString(),
                "customer_id", "demo-felhom", "sent_at", Instant.now().toString(), "health", Map.of("status", "ok")))
                .statusCode());
    }

    @Test
    void anApprovalSignedByTheHubPassesTheAgentsOwnVerifierForExactlyItsOperation() throws Exception {
        String hostId = "pve-real-wipe";
        assertEquals(201, call("POST", "/api/v1/hosts", operatorToken, Map.of("id", hostId, "hostname", hostId))
                .statusCode());
        HttpResponse<String> pem = call("GET", "/api/v1/approvals/public-key", null, null);
        assertEquals(200, pem.statusCode());
        Path publicKey = Files.writeString(dir.resolve("hub-approval.pub.pem"), pem.body());
        ApprovalVerifier verifier = new ApprovalVerifier(ApprovalVerifier.readPublicKey(publicKey));

        PendingOperation op = new PendingOperation(PendingOperation.STORAGE_WIPE, hostId, "wwn-0x5000c500a1b2c3d4-part1",
                "ext4");
        HttpResponse<String> signed = call("POST", "/api/v1/approvals", operatorToken,
                Map.of("pending_op", op, "reason", "the customer asked to reuse the disk"));
        assertEquals(201, signed.statusCode(), signed.body());
        String jwt = JSON.readTree(signed.body()).path("approval").asText();

        ApprovalVerifier.Verdict verdict = verifier.verify(jwt, op);
        assertTrue(verdict.approved(), verdict.reason());
        assertEquals(JSON.readTree(signed.body()).path("jti").asText(), verdict.jti());
        ApprovalVerifier.Verdict otherDisk = verifier.verify(jwt, new PendingOperation(op.op(), hostId, "wwn-other",
                "ext4"));
        assertTrue(!otherDisk.approved() && otherDisk.reason().contains("durable_id"), otherDisk.reason());
        ApprovalVerifier.Verdict otherHost = verifier.verify(jwt, new PendingOperation(op.op(), "pve-other",
                op.durableId(), "ext4"));
        assertTrue(!otherHost.approved() && otherHost.reason().contains("host_scope"), otherHost.reason());
        ApprovalVerifier.Verdict otherFs = verifier.verify(jwt, new PendingOperation(op.op(), hostId, op.durableId(),
                "xfs"));
        assertTrue(!otherFs.approved() && otherFs.reason().contains("fstype"), otherFs.reason());
    }

    @Test
    void theAgentReportsOverHttpsToTheHubWhoseCertificateFingerprintItPins() throws Exception {
        String hostId = "pve-real-tls";
        assertEquals(201, call("POST", "/api/v1/hosts", operatorToken, Map.of("id", hostId, "hostname", hostId)).statusCode());
        Path hostKeyFile = dir.resolve("host-tls.key");
        Files.writeString(hostKeyFile, JSON.readValue(call("POST", "/api/v1/hosts/" + hostId + "/keys", operatorToken, null)
                .body(), IssuedKey.class).key());
        Files.setPosixFilePermissions(hostKeyFile, PosixFilePermissions.fromString("rw-------"));
        String pin = "sha256:" + hubCertificate.fingerprint().toString().replace(":", "").toLowerCase(java.util.Locale.ROOT);

        AgentConfig.Hub pinned = agentYamlHub(hostKeyFile, "  pinned_fingerprint: " + pin + "\n");
        assertEquals(hubCertificate.fingerprint().toString(), pinned.pinnedFingerprint(), "held in the canonical spelling");
        HubOutcome accepted = postHostReport(HubHttpClient.create(pinned.connection()), hostKeyFile,
                reportFor(hostId));
        assertTrue(accepted.accepted(), accepted.toString());

        String otherPin = SelfSignedCertificate.generate("CN=hub", List.of("127.0.0.1")).fingerprint().toString();
        AgentConfig.Hub wrong = agentYamlHub(hostKeyFile, "  pinned_fingerprint: " + otherPin + "\n");
        HubOutcome refused = postHostReport(HubHttpClient.create(wrong.connection()), hostKeyFile,
                reportFor(hostId));
        assertEquals(HubOutcome.Kind.UNREACHABLE, refused.kind(), "another certificate is not the hub: " + refused);

        // Without a pin or CA file the JVM's CAs decide, and none of them signed this certificate.
        HubOutcome untrusted = postHostReport(HubHttpClient.create(agentYamlHub(hostKeyFile, "").connection()),
                hostKeyFile, reportFor(hostId));
        assertEquals(HubOutcome.Kind.UNREACHABLE, untrusted.kind(), untrusted.toString());
    }

    /** The hub block of an agent.yaml pointing at the HTTPS listener, read by the agent's own loader. */
    private static AgentConfig.Hub agentYamlHub(Path hostKeyFile, String trustLines) throws IOException {
        Path file = Files.writeString(dir.resolve("agent-https.yaml"), """
                hub:
                  url: %s
                  host_id: pve-real-tls
                  host_key_file: %s
                %slocal_api:
                  listen_addr: 127.0.0.1:8443
                state_dir: %s
                proxmox:
                  node: pve
                """.formatted(httpsUrl, hostKeyFile, trustLines, dir.resolve("agent-state")));
        return AgentConfigLoader.load(file).hub();
    }

    /** The tests above talk to the hub's plain http listener, as a loopback hub in a test may. */
    private static HubApi overPlainHttp() throws IOException {
        return HubHttpClient.create(HubConnection.to(URI.create(url)).allowingPlainHttp(true));
    }

    /** As the agent's report loop sends: with the host key read from its file at this call. */
    private static HubOutcome postHostReport(HubApi hub, Path hostKeyFile, HostReport report) {
        return HubOutcome.of(() -> hub.postHostReport(Credential.bearerFromFile(hostKeyFile, TokenKind.HOST), report));
    }

    private static HostReport reportFor(String hostId) throws Exception {
        HostReport base = reportBuilder().build();
        return new HostReport(UUID.randomUUID(), hostId, base.agentVersion(), base.sentAt(), null, base.node(),
                base.addresses(), base.metrics(), base.storages(), base.temperatures(), base.guests());
    }

    /** The agent's own report assembly over real /proc figures and the pvesh stand-in's storages. */
    private static HostReportBuilder reportBuilder() {
        AgentConfig config = agentConfig;
        PveshProxmoxApi proxmox = new PveshProxmoxApi(config.proxmox().pvesh(), config.proxmox().node());
        HostMetricsService metrics = new HostMetricsService(config, new StorageService(proxmox), new TemperatureService(config));
        return new HostReportBuilder(HOST_ID, config.proxmox().node(), "test", metrics, proxmox,
                new ProvisioningJournal(config.stateDir().resolve("guests")));
    }

    private static HttpResponse<String> call(String method, String path, String bearer, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
