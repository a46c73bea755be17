package io.homefleet.sensorproxy.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.sensorproxy.config.AllowedNodesFile;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.config.ControlPlaneSnapshot;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.SecretFiles;
import io.homefleet.common.testing.RealHub;
import io.homefleet.sensorproxy.support.HttpsHub;
import io.homefleet.sensorproxy.support.TestProxy;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.TrustOptions;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sensor-proxy register} as an administrator runs it, against the real hub over HTTPS. */
@QuarkusMainTest
class RegisterCommandTest {
    private static final String CONFIG = """
            # pve-reg1's sensor proxy; this comment must survive registration
            node_name: reg-a1
            socket_path: sp.sock
            state_dir: state
            audit_log: audit.jsonl
            allowed_nodes_file: allowed_nodes.yaml
            allowed_peers:
            - uid: 0
              capabilities: [read, write, admin]

            # kept below the block too
            cache_ttl: 5s
            """;
    private static RealHub hub;

    @BeforeAll
    static void fleet() throws Exception {
        hub = HttpsHub.get();
        hub.host("reg-a1", "reg-alpha", "10.21.0.1");
        hub.host("reg-a2", "reg-alpha", "10.21.0.2");
        hub.host("reg-b1", "reg-beta", "10.22.0.1");
        hub.host("reg-c1", "reg-gamma", "10.23.0.1");
    }

    /** {@code sensor-proxy register --config CONFIG --hub HUB} plus the rest of the arguments. */
    private static LaunchResult register(QuarkusMainLauncher launcher, Path config, String hubUrl, String... rest) {
        String[] args = new String[5 + rest.length];
        args[0] = "register";
        args[1] = "--config";
        args[2] = config.toString();
        args[3] = "--hub";
        args[4] = hubUrl;
        System.arraycopy(rest, 0, args, 5, rest.length);
        return launcher.launch(args);
    }

    private static Path configIn(Path dir) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, CONFIG);
        return config;
    }

    @Test
    void registerStoresTheTokenEnablesTheSyncPrimesTheCacheAndIsSafeToRunAgain(QuarkusMainLauncher launcher) throws Exception {
        Path dir = TestProxy.workDir();
        Path config = configIn(dir);
        Path hostKey = hub.hostKeyFile("reg-a1", dir);
        LaunchResult first = register(launcher, config, hub.url.toString(),
                "--host-key-file", hostKey.toString(), "--ca-file", hub.caPem.toString());
        assertEquals(0, first.exitCode(), first.getErrorOutput() + first.getOutput());
        assertTrue(first.getOutput().contains("cluster reg-alpha"), first.getOutput());

        Path tokenFile = dir.resolve(".control-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String token = SecretFiles.read(tokenFile);
        assertTrue(token.startsWith("hfp_"), "a sensor-proxy token");
        assertFalse(first.getOutput().contains(token) || first.getErrorOutput().contains(token), "never printed");

        String text = Files.readString(config);
        assertTrue(text.contains("# pve-reg1's sensor proxy; this comment must survive registration"), text);
        assertTrue(text.contains("# kept below the block too\ncache_ttl: 5s"), text);
        LoadedConfig loaded = new ConfigLoader(Map.of()).load(config);
        assertEquals(hub.url.toString(), loaded.config().controlPlane().url());
        assertEquals(tokenFile.toString(), loaded.config().controlPlane().tokenFile());
        assertEquals(hub.caPem.toString(), loaded.config().controlPlane().caFile());
        assertEquals(Duration.ofSeconds(60), loaded.config().controlPlane().refreshInterval());

        ControlPlaneSnapshot cached = new AllowedNodesFile(dir.resolve("allowed_nodes.yaml")).readSnapshot().orElseThrow();
        assertEquals(Set.of("reg-a1", "reg-a2"), cached.nodes().stream().map(AuthorizedNode::name).collect(Collectors.toSet()),
                "primed with its own cluster only");
        assertTrue(cached.intact());

        JsonNode view = hub.operator("GET", "/api/v1/hosts/reg-a1", null);
        assertTrue(view.toString().contains("socket"), "the operator sees the registered proxy: " + view);

        String configBefore = Files.readString(config);
        LaunchResult again = register(launcher, config, hub.url + "/",
                "--host-key-file", hostKey.toString());
        assertEquals(0, again.exitCode(), again.getErrorOutput() + again.getOutput());
        assertTrue(again.getOutput().contains("already up to date"), again.getOutput());
        assertEquals(configBefore, Files.readString(config), "the same block: config.yaml untouched (its ca_file kept)");
        String rotated = SecretFiles.read(tokenFile);
        assertNotEquals(token, rotated, "registering again rotates the token");
        HubApi client = HubPulls.client(hub.url, TrustOptions.caBundle(hub.caPem), Duration.ofSeconds(5));
        assertEquals(401, org.junit.jupiter.api.Assertions.assertThrows(HubException.class,
                () -> HubPulls.authorizedNodes(client, token, null)).status(), "the old token is refused");
        assertTrue(HubPulls.authorizedNodes(client, rotated, null).isPresent());

        LaunchResult refused = launcher.launch("config", "set-allowed-nodes", "--config", config.toString(), "--merge", "elsewhere");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.getErrorOutput().contains("decides the allowed nodes"), refused.getErrorOutput());
        LaunchResult validate = launcher.launch("config", "validate", "--config", config.toString());
        assertEquals(0, validate.exitCode(), validate.getErrorOutput());
        assertTrue(validate.getOutput().contains("decided by the hub at " + hub.url + "; 2 cached"), validate.getOutput());
    }

    @Test
    void httpKindWritesTheHttpsTokenWhereTheListenerReadsIt(QuarkusMainLauncher launcher) throws Exception {
        Path dir = TestProxy.workDir();
        Path config = configIn(dir);
        Path hostKey = hub.hostKeyFile("reg-a2", dir);
        LaunchResult r = register(launcher, config, hub.url.toString(),
                "--host-key-file", hostKey.toString(), "--ca-file", hub.caPem.toString(), "--kind", "http",
                "--proxy-url", "https://reg-a2.example.net:8444", "--hostname", "reg-a2");
        assertEquals(0, r.exitCode(), r.getErrorOutput() + r.getOutput());
        Path httpToken = dir.resolve(".http-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(httpToken)));
        LoadedConfig loaded = new ConfigLoader(Map.of()).load(config);
        assertTrue(loaded.config().httpEnabled());
        assertEquals(SecretFiles.read(httpToken), loaded.config().httpAuthToken(), "the HTTPS listener's token comes from the file");
        assertFalse(Files.readString(config).contains(loaded.config().httpAuthToken()), "the secret is not in config.yaml");
        JsonNode view = hub.operator("GET", "/api/v1/hosts/reg-a2", null);
        assertTrue(view.toString().contains("https://reg-a2.example.net:8444"), view.toString());
    }

    @Test
    void aPinInAnyCommonSpellingIsWrittenInTheOneServicesPrint(QuarkusMainLauncher launcher) throws Exception {
        Path dir = TestProxy.workDir();
        Path config = configIn(dir);
        Fingerprint hubCertificate = Fingerprint.of(hub.dir.resolve("hub.crt"));
        String typed = "sha256:" + hubCertificate.toString().replace(":", "").toLowerCase(java.util.Locale.ROOT);
        LaunchResult bad = register(launcher, config, hub.url.toString(), "--host-key-file",
                hub.hostKeyFile("reg-c1", dir).toString(), "--pinned-fingerprint", "3F:A1:9C");
        assertEquals(2, bad.exitCode(), bad.getErrorOutput());
        assertTrue(bad.getErrorOutput().contains("--pinned-fingerprint") && bad.getErrorOutput().contains("64 hex digits"),
                bad.getErrorOutput());
        assertEquals(CONFIG, Files.readString(config), "a pin that is not one changes nothing");

        LaunchResult pinned = register(launcher, config, hub.url.toString(), "--host-key-file",
                hub.hostKeyFile("reg-c1", dir).toString(), "--hostname", "reg-c1", "--pinned-fingerprint", typed);
        assertEquals(0, pinned.exitCode(), pinned.getErrorOutput());
        String written = Files.readString(config);
        assertTrue(written.contains("pinned_fingerprint:") && written.contains(hubCertificate.toString())
                && !written.contains(typed), written);
        assertTrue(pinned.getOutput().contains("primed"), "the pinned hub also answered the first pull: " + pinned.getOutput());
    }

    @Test
    void refusalsChangeNothingAndSayWhy(QuarkusMainLauncher launcher) throws Exception {
        Path dir = TestProxy.workDir();
        Path config = configIn(dir);
        Path tokenFile = dir.resolve(".control-token");

        Path otherHostsKey = hub.hostKeyFile("reg-b1", dir);
        LaunchResult wrongHost = register(launcher, config, hub.url.toString(),
                "--host-key-file", otherHostsKey.toString(), "--ca-file", hub.caPem.toString(), "--hostname", "reg-a1");
        assertEquals(1, wrongHost.exitCode());
        assertTrue(wrongHost.getErrorOutput().contains("404") && wrongHost.getErrorOutput().contains("reg-a1"),
                wrongHost.getErrorOutput());

        String customer = "reg-cust-" + System.nanoTime();
        hub.operator("POST", "/api/v1/customers", Map.of("id", customer, "name", "Register test"));
        Path customerKey = dir.resolve("customer.key");
        Files.writeString(customerKey, hub.operator("POST", "/api/v1/customers/" + customer + "/keys", null).path("key").asText());
        Files.setPosixFilePermissions(customerKey, PosixFilePermissions.fromString("rw-------"));
        LaunchResult wrongKind = register(launcher, config, hub.url.toString(),
                "--host-key-file", customerKey.toString(), "--ca-file", hub.caPem.toString());
        assertEquals(1, wrongKind.exitCode());
        assertTrue(wrongKind.getErrorOutput().contains("403") && wrongKind.getErrorOutput().contains("customer"),
                wrongKind.getErrorOutput());

        Path unknownKey = dir.resolve("unknown.key");
        Files.writeString(unknownKey, Tokens.generate(TokenKind.HOST));
        Files.setPosixFilePermissions(unknownKey, PosixFilePermissions.fromString("rw-------"));
        LaunchResult unknown = register(launcher, config, hub.url.toString(),
                "--host-key-file", unknownKey.toString(), "--ca-file", hub.caPem.toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.getErrorOutput().contains("401"), unknown.getErrorOutput());

        LaunchResult plain = register(launcher, config, "http://127.0.0.1:1",
                "--host-key-file", unknownKey.toString());
        assertEquals(2, plain.exitCode());
        assertTrue(plain.getErrorOutput().contains("plain http"), plain.getErrorOutput());

        Files.setPosixFilePermissions(unknownKey, PosixFilePermissions.fromString("rw-r--r--"));
        LaunchResult readable = register(launcher, config, hub.url.toString(),
                "--host-key-file", unknownKey.toString(), "--ca-file", hub.caPem.toString());
        assertEquals(2, readable.exitCode());
        assertTrue(readable.getErrorOutput().contains("chmod 600"), readable.getErrorOutput());

        LaunchResult untrusted = register(launcher, config, hub.url.toString(),
                "--host-key-file", otherHostsKey.toString(), "--hostname", "reg-b1");
        assertEquals(1, untrusted.exitCode(), "the hub's certificate is not trusted without its CA or pin");
        assertTrue(untrusted.getErrorOutput().contains("cannot reach the hub"), untrusted.getErrorOutput());

        assertEquals(CONFIG, Files.readString(config), "config.yaml unchanged by every refusal");
        assertFalse(Files.exists(tokenFile), "no token written");
        assertFalse(Files.exists(dir.resolve("allowed_nodes.yaml")));
    }
}
