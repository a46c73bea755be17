package io.homefleet.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.service.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerConfigLoaderTest {
    private static final String VALID = """
            customer:
              id: demo-felhom
              name: Felhom Demo
              domain: demo-felhom.eu
            hub:
              url: https://hub.example.net/
              customer_key_file: /etc/homefleet-controller/customer.key
            local_api:
              endpoint: 192.168.0.162:8443
              fingerprint: 60b5974d0d6b4f0a3a1b6f1e2f6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f
              token_file: /etc/homefleet-controller/guest.token
              vmid: 9200
            intervals:
              report: 15m
              desired_state: 5m
            """;

    @Test
    void aValidFileGivesDefaultsForWhatItLeavesOut(@TempDir Path dir) throws Exception {
        ControllerConfig c = ControllerConfigLoader.load(Files.writeString(dir.resolve("c.yaml"), VALID), Map.of());
        assertEquals("demo-felhom", c.customer().id());
        assertEquals("https://hub.example.net", c.hub().url());
        assertEquals("60:B5:97:4D:0D:6B:4F:0A:3A:1B:6F:1E:2F:6F:7A:8B:9C:0D:1E:2F:3A:4B:5C:6D:7E:8F:9A:0B:1C:2D:3E:4F",
                c.localApi().fingerprint(), "held in the one canonical spelling");
        assertEquals(Duration.ofMinutes(15), c.intervals().report());
        assertEquals(Duration.ofMinutes(3), c.intervals().agentCheck());
        assertEquals("0.0.0.0:8080", c.web().listen());
        assertEquals(List.of("felhom.demo-felhom.eu", "localhost"), c.servedHostNames());
        assertEquals(Path.of("/var/run/docker.sock"), c.docker().socket());
        assertEquals(2000, c.spool().maxItems());
        assertTrue(c.hub().monitoringEnabled());
    }

    @Test
    void everyKeyHasAnEnvironmentOverride(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), VALID);
        ControllerConfig c = ControllerConfigLoader.load(file, Map.of(
                "HOMEFLEET_CONTROLLER_WEB_LISTEN", "127.0.0.1:9090",
                "HOMEFLEET_CONTROLLER_HUB_URL", "http://127.0.0.1:8080",
                "HOMEFLEET_CONTROLLER_HUB_ALLOW_PLAIN_HTTP", "true",
                "HOMEFLEET_CONTROLLER_INTERVALS_REPORT", "30s",
                "HOMEFLEET_CONTROLLER_WEB_HOST_NAMES", "a.example, b.example",
                "HOMEFLEET_CONTROLLER_SPOOL_MAX_ITEMS", "50"));
        assertEquals(9090, c.web().port());
        assertEquals("127.0.0.1", c.web().host());
        assertEquals("http://127.0.0.1:8080", c.hub().url());
        assertEquals(Duration.ofSeconds(30), c.intervals().report());
        assertEquals(List.of("a.example", "b.example"), c.servedHostNames());
        assertEquals(50, c.spool().maxItems());
        List<String> envNames = ControllerConfigLoader.loader().envKeys().stream()
                .map(io.homefleet.service.config.EdgeConfigLoader.EnvKey::envName).toList();
        for (String expected : List.of("HOMEFLEET_CONTROLLER_CUSTOMER_ID", "HOMEFLEET_CONTROLLER_HUB_CUSTOMER_KEY_FILE",
                "HOMEFLEET_CONTROLLER_HUB_PINNED_FINGERPRINT", "HOMEFLEET_CONTROLLER_LOCAL_API_TOKEN_FILE",
                "HOMEFLEET_CONTROLLER_WEB_PASSWORD_HASH", "HOMEFLEET_CONTROLLER_DOCKER_SOCKET",
                "HOMEFLEET_CONTROLLER_INTERVALS_AGENT_CHECK", "HOMEFLEET_CONTROLLER_STATE_DIR")) {
            assertTrue(envNames.contains(expected), expected + " in " + envNames);
        }
    }

    @Test
    void aPlainHttpHubIsRefusedUnlessAllowedByName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), VALID.replace("https://hub.example.net/", "http://hub.example.net"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ControllerConfigLoader.load(file, Map.of()));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("hub.url:") && p.contains("allow_plain_http")),
                e.getMessage());
        assertEquals("http://hub.example.net", ControllerConfigLoader.load(file,
                Map.of("HOMEFLEET_CONTROLLER_HUB_ALLOW_PLAIN_HTTP", "true")).hub().url());
    }

    @Test
    void mistakesAreNamedByKeyAllAtOnce(@TempDir Path dir) throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), VALID + "web:\n  listne: 1.2.3.4:80\n");
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> ControllerConfigLoader.load(typo, Map.of()));
        assertTrue(unknown.getMessage().contains("unknown key 'web.listne' (line 17)"), unknown.getMessage());

        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                customer:
                  id: Not A Slug
                hub:
                  url: ftp://x
                local_api:
                  endpoint: nowhere
                intervals:
                  report: 2s
                """);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ControllerConfigLoader.load(bad, Map.of()));
        String all = String.join("\n", e.problems());
        for (String key : List.of("customer.id:", "hub.url:", "hub.customer_key_file:", "local_api.endpoint:",
                "intervals.report:")) {
            assertTrue(all.contains(key), key + " missing in:\n" + all);
        }
        Path badDuration = Files.writeString(dir.resolve("d.yaml"), VALID.replace("report: 15m", "report: soon"));
        assertTrue(assertThrows(InvalidConfigException.class, () -> ControllerConfigLoader.load(badDuration, Map.of()))
                .getMessage().contains("intervals.report"));
    }

    @Test
    void aMissingFileIsAnErrorButSetupModeTakesDefaultsAndTheEnvironment(@TempDir Path dir) {
        Path absent = dir.resolve("controller.yaml");
        assertTrue(assertThrows(InvalidConfigException.class, () -> ControllerConfigLoader.load(absent, Map.of()))
                .getMessage().contains("file does not exist"));
        ControllerConfig setup = ControllerConfigLoader.setupDefaults(absent);
        assertFalse(setup.configured());
        assertEquals("0.0.0.0:8080", setup.web().listen());
    }
}
