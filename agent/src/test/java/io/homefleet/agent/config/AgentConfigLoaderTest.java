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

    private static final String PIN = String.join(":", java.util.Collections.nCopies(32, "AB"));

    private static String withHubLines(String url, String lines) {
        return MINIMAL.replace("https://hub.example.net/", url)
                .replace("  host_key_file: /etc/homefleet-agent/host.key\n",
                        "  host_key_file: /etc/homefleet-agent/host.key\n" + lines);
    }

    @Test
    void theHubIsTrustedByTheJvmsCasUnlessACaFileAPinOrInsecureIsChosenOneAtATime(@TempDir Path dir) throws Exception {
        AgentConfig.Hub plain = AgentConfigLoader.load(write(dir, MINIMAL)).hub();
        assertEquals(null, plain.caFile());
        assertEquals(null, plain.pinnedFingerprint());
        assertEquals(false, plain.insecureSkipVerify());
        assertEquals(java.util.List.of(), plain.warnings());

        for (String spelling : java.util.List.of("ab".repeat(32), PIN.toLowerCase(java.util.Locale.ROOT), "sha256:" + "ab".repeat(32),
                "SHA256:" + PIN)) {
            AgentConfig.Hub pinned = AgentConfigLoader.load(write(dir, withHubLines("https://hub.example.net/",
                    "  pinned_fingerprint: " + spelling + "\n"))).hub();
            assertEquals(PIN, pinned.pinnedFingerprint(), spelling);
        }
        Path ca = Files.writeString(dir.resolve("hub-ca.pem"), "x");
        assertEquals(ca, AgentConfigLoader.load(write(dir, withHubLines("https://hub.example.net/",
                "  ca_file: " + ca + "\n"))).hub().caFile());
        AgentConfig.Hub insecure = AgentConfigLoader.load(write(dir, withHubLines("https://hub.example.net/",
                "  insecure_skip_verify: true\n"))).hub();
        assertTrue(insecure.trust().insecure());
        assertTrue(insecure.warnings().get(0).startsWith("hub.insecure_skip_verify is on"), insecure.warnings().toString());

        InvalidConfigException two = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(write(dir,
                withHubLines("https://hub.example.net/", "  ca_file: " + ca + "\n  pinned_fingerprint: " + PIN + "\n"))));
        assertEquals(java.util.List.of("hub: choose one of ca_file, pinned_fingerprint and insecure_skip_verify"), two.problems());
        InvalidConfigException pinAndInsecure = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(write(dir,
                withHubLines("https://hub.example.net/", "  pinned_fingerprint: " + PIN + "\n  insecure_skip_verify: true\n"))));
        assertEquals(java.util.List.of("hub: choose one of ca_file, pinned_fingerprint and insecure_skip_verify"),
                pinAndInsecure.problems());
        InvalidConfigException badPin = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(write(dir,
                withHubLines("https://hub.example.net/", "  pinned_fingerprint: md5:" + "ab".repeat(32) + "\n"))));
        assertTrue(badPin.problems().get(0).startsWith("hub.pinned_fingerprint: must be a SHA-256 fingerprint"), badPin.getMessage());
        InvalidConfigException missingCa = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(write(dir,
                withHubLines("https://hub.example.net/", "  ca_file: " + dir.resolve("absent.pem") + "\n"))));
        assertTrue(missingCa.problems().get(0).startsWith("hub.ca_file: "), missingCa.getMessage());
    }

    @Test
    void aPlainHttpHubIsAcceptedWithAWarningAcceptedQuietlyWhenAllowedAndRefusedWhenNot(@TempDir Path dir) throws Exception {
        AgentConfig.Hub older = AgentConfigLoader.load(write(dir, withHubLines("http://hub.lan:8080", ""))).hub();
        assertTrue(older.plainHttp() && older.plainHttpAccepted(), "installs from before the option keep working");
        assertTrue(older.warnings().get(0).startsWith("hub.url http://hub.lan:8080 is plain http"), older.warnings().toString());

        AgentConfig.Hub allowed = AgentConfigLoader.load(write(dir, withHubLines("http://hub.lan:8080",
                "  allow_plain_http: true\n"))).hub();
        assertTrue(allowed.plainHttpAccepted());
        assertEquals(java.util.List.of(), allowed.warnings());

        InvalidConfigException refused = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(write(dir,
                withHubLines("http://hub.lan:8080", "  allow_plain_http: false\n"))));
        assertEquals(java.util.List.of("hub.url: plain http is refused by hub.allow_plain_http: false; use an https:// url"),
                refused.problems());
        assertEquals(java.util.List.of(), AgentConfigLoader.load(write(dir, withHubLines("https://hub.example.net/",
                "  allow_plain_http: false\n"))).hub().warnings(), "false changes nothing for https");

        InvalidConfigException pinnedHttp = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(write(dir,
                withHubLines("http://hub.lan:8080", "  allow_plain_http: true\n  pinned_fingerprint: " + PIN + "\n"))));
        assertEquals(java.util.List.of("hub: ca_file, pinned_fingerprint and insecure_skip_verify are for an https:// url"),
                pinnedHttp.problems());
    }

    @Test
    void theTrustKeysHaveEnvironmentOverridesToo(@TempDir Path dir) throws Exception {
        Path file = write(dir, MINIMAL);
        AgentConfig.Hub hub = AgentConfigLoader.loader().load(file, java.util.Map.of(
                "HOMEFLEET_AGENT_HUB_URL", "http://hub.lan:8080",
                "HOMEFLEET_AGENT_HUB_ALLOW_PLAIN_HTTP", "true")).hub();
        assertTrue(hub.plainHttp() && hub.plainHttpAccepted());
        assertEquals(PIN, AgentConfigLoader.loader().load(file, java.util.Map.of(
                "HOMEFLEET_AGENT_HUB_PINNED_FINGERPRINT", "sha256:" + "ab".repeat(32))).hub().pinnedFingerprint());
        InvalidConfigException both = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.loader().load(file,
                java.util.Map.of("HOMEFLEET_AGENT_HUB_PINNED_FINGERPRINT", PIN, "HOMEFLEET_AGENT_HUB_INSECURE_SKIP_VERIFY", "true")));
        assertEquals(java.util.List.of("hub: choose one of ca_file, pinned_fingerprint and insecure_skip_verify"), both.problems());
    }

    @Test
    void theOldOperatorTokenFileKeyIsStillAcceptedButWarnedAboutAsUnused(@TempDir Path dir) throws Exception {
        AgentConfig.Hub hub = AgentConfigLoader.load(write(dir, withHubLines("https://hub.example.net/",
                "  operator_token_file: /etc/homefleet-agent/hub-operator.token\n"))).hub();
        assertEquals(1, hub.warnings().size(), hub.warnings().toString());
        assertTrue(hub.warnings().get(0).startsWith("hub.operator_token_file is no longer used"), hub.warnings().toString());
    }

    private static Path write(Path dir, String yaml) throws Exception {
        return Files.writeString(dir.resolve("agent.yaml"), yaml);
    }
}
