package io.homefleet.sensorproxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.AuthorizedNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control_plane block: its validation, the config.yaml editor that register uses, token files, the hub's list. */
class ControlPlaneConfigTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "state_dir: state\nsocket_path: sp.sock\naudit_log: audit.jsonl\n" + yaml);
        try {
            new ConfigLoader(Map.of()).load(config);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void theBlockIsCheckedKeyByKey() throws Exception {
        assertEquals(List.of(), problems("control_plane:\n  url: https://hub.example.net/prefix/\n  refresh_interval: 60\n"));
        assertTrue(problems("control_plane:\n  url: http://hub.example.net\n").get(0).contains("plain http"));
        assertEquals(List.of(), problems("control_plane:\n  url: http://hub.example.net\n  allow_plain_http: true\n"));
        assertTrue(problems("control_plane:\n  url: ftp://hub\n").get(0).startsWith("control_plane.url"));
        assertTrue(problems("control_plane:\n  url: https://user:pw@hub\n").get(0).contains("user info"));
        Files.writeString(dir.resolve("ca.pem"), "x");
        assertTrue(problems("control_plane:\n  url: https://hub\n  ca_file: ca.pem\n  pinned_fingerprint: " + "ab".repeat(32) + "\n")
                .contains("control_plane: choose one of ca_file, pinned_fingerprint and insecure_skip_verify"));
        assertTrue(problems("control_plane:\n  url: https://hub\n  pinned_fingerprint: abc\n").get(0)
                .startsWith("control_plane.pinned_fingerprint"));
        assertTrue(problems("control_plane:\n  url: https://hub\n  ca_file: missing.pem\n").get(0).contains("not a readable file"));
        assertTrue(problems("control_plane:\n  url: https://hub\n  refresh_interval: 0s\n").get(0)
                .startsWith("control_plane.refresh_interval"));
        assertTrue(problems("control_plane:\n  url: https://hub\n  insecure_skip_verify: true\n").isEmpty(),
                "insecure only when asked for, and then allowed");
        assertTrue(problems("control_plane:\n  urll: https://hub\n").get(0).contains("unknown key"));
    }

    @Test
    void thePinnedFingerprintIsReadInEverySpellingAndHeldInTheCanonicalOne() throws Exception {
        String canonical = String.join(":", java.util.Collections.nCopies(32, "AB"));
        for (String spelling : List.of("ab".repeat(32), canonical.toLowerCase(java.util.Locale.ROOT), canonical,
                "sha256:" + "ab".repeat(32), "SHA256:" + canonical, "'sha256 Fingerprint=" + canonical + "'")) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, "state_dir: state\nsocket_path: sp.sock\naudit_log: audit.jsonl\n"
                    + "control_plane:\n  url: https://hub\n  pinned_fingerprint: " + spelling + "\n");
            assertEquals(canonical, new ConfigLoader(Map.of()).load(config).config().controlPlane().pinnedFingerprint(),
                    spelling);
        }
        assertTrue(problems("control_plane:\n  url: https://hub\n  pinned_fingerprint: md5:" + "ab".repeat(32) + "\n")
                .get(0).startsWith("control_plane.pinned_fingerprint"));
    }

    @Test
    void theTokenFileDefaultsToTheConfigDirectory() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "control_plane:\n  url: https://hub\nlegacy_allowlist: true\n");
        LoadedConfig loaded = new ConfigLoader(Map.of()).load(config);
        assertEquals(dir.resolve(".control-token").toString(), loaded.config().controlPlane().tokenFile());
        assertTrue(loaded.config().legacyAllowlist());
        assertEquals(Duration.ofSeconds(60), loaded.config().controlPlane().refreshInterval());
    }

    @Test
    void tokenFilesMustBeTheOwnersAlone() throws Exception {
        Path token = dir.resolve("token");
        SecretFiles.write(token, "hfp_secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals("hfp_secret", SecretFiles.read(token));
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(assertThrows(IOException.class, () -> SecretFiles.read(token)).getMessage().contains("chmod 600"));
        Files.writeString(token, "  \n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        assertTrue(assertThrows(IOException.class, () -> SecretFiles.read(token)).getMessage().contains("empty"));
        assertTrue(assertThrows(IOException.class, () -> SecretFiles.read(dir.resolve("none"))).getMessage().contains("does not exist"));
    }

    @Test
    void anHttpsTokenFileFeedsTheListener() throws Exception {
        Path config = dir.resolve("config.yaml");
        SecretFiles.write(dir.resolve(".http-token"), "a-long-enough-https-token");
        Files.writeString(config, "http_enabled: true\nhttp_auth_token_file: .http-token\n");
        assertEquals("a-long-enough-https-token", new ConfigLoader(Map.of()).load(config).config().httpAuthToken());
        SecretFiles.write(dir.resolve(".http-token"), "short");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(config));
        assertTrue(e.problems().get(0).contains("fewer than 16"), e.problems().toString());
        Files.writeString(config, "http_enabled: true\nhttp_auth_token_file: .http-token\nhttp_auth_token: inline-token-of-16+\n");
        assertTrue(assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(config)).problems().get(0)
                .contains("set one, not both"));
    }

    @Test
    void theEditorReplacesOnlyTheKeysBlockAndKeepsEverythingElse() throws Exception {
        Path config = dir.resolve("config.yaml");
        String original = """
                # header comment
                allowed_peers:
                - uid: 0
                  capabilities: [read]

                control_plane:
                  url: https://old.example.net
                  # a comment inside the old block goes with it
                  retry_initial: 5s
                # comment after
                cache_ttl: 5s
                """;
        Files.writeString(config, original);
        ConfigFileEditor editor = new ConfigFileEditor(config, new ConfigLoader(Map.of()));
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("url", "https://new.example.net");
        block.put("retry_initial", "5s");
        assertTrue(editor.set(Map.of("control_plane", block)));
        String edited = Files.readString(config);
        assertEquals("""
                # header comment
                allowed_peers:
                - uid: 0
                  capabilities: [read]

                control_plane:
                  url: https://new.example.net
                  retry_initial: 5s
                # comment after
                cache_ttl: 5s
                """, edited);
        assertFalse(editor.set(Map.of("control_plane", block)), "same value: no write");

        Map<String, Object> peers = new LinkedHashMap<>();
        peers.put("uid", 1000);
        peers.put("capabilities", List.of("read"));
        assertTrue(editor.set(Map.of("allowed_peers", List.of(peers))));
        assertTrue(Files.readString(config).startsWith("# header comment\nallowed_peers:\n- uid: 1000\n"), Files.readString(config));
        assertEquals(1000, new ConfigLoader(Map.of()).load(config).config().allowedPeers().get(0).uid());

        String before = Files.readString(config);
        ConfigException bad = assertThrows(ConfigException.class, () -> editor.set(Map.of("cache_ttl", "forever")));
        assertTrue(bad.problems().toString().contains("cache_ttl"), bad.problems().toString());
        assertEquals(before, Files.readString(config), "an invalid result changes nothing");
        assertFalse(Files.exists(dir.resolve(".config.yaml.candidate")));

        Path fresh = dir.resolve("fresh.yaml");
        assertTrue(new ConfigFileEditor(fresh, new ConfigLoader(Map.of())).set(Map.of("legacy_allowlist", true)));
        assertEquals("legacy_allowlist: true\n", Files.readString(fresh));
    }

    @Test
    void theHubsListPermitsNamesAndAddressesAndSweepsEachNodeOnce() {
        AllowedNodes nodes = AllowedNodes.fromAuthorized(List.of(new AuthorizedNode("PVE1", "10.0.0.1"),
                new AuthorizedNode("pve1", "fd00::1"), new AuthorizedNode("pve2", null)));
        assertEquals(List.of("pve1", "pve2"), nodes.sweepTargets());
        assertTrue(nodes.permits("pve1") && nodes.permits("PVE2") && nodes.permits("10.0.0.1") && nodes.permits("fd00:0:0::1"));
        assertFalse(nodes.permits("10.0.0.2") || nodes.permits("pve3"));
        assertThrows(IllegalArgumentException.class, () -> AllowedNodes.fromAuthorized(List.of(new AuthorizedNode("10.0.0.0/8", null))),
                "a network is not a node");
        assertThrows(IllegalArgumentException.class, () -> AllowedNodes.fromAuthorized(List.of(new AuthorizedNode("pve1", "pve2"))));
    }
}
