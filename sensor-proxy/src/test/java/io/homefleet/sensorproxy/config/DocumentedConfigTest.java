package io.homefleet.sensorproxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config files users were shown keep loading, and mean what they were told. */
class DocumentedConfigTest {
    private static final Path DOCS = Path.of("..", "docs", "sensor-proxy.md");
    private static final Path SEED = Path.of("..", "..", "shared", "seeds", "TEMPERATURE_MONITORING.md");

    @TempDir
    Path dir;

    private static List<String> yamlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private LoadedConfig load(String name, String yaml) throws Exception {
        return new ConfigLoader(Map.of()).load(Files.writeString(dir.resolve(name), yaml));
    }

    @Test
    void everyConfigExampleInTheDocsLoadsAndStatesTheRealDefaults() throws Exception {
        List<String> blocks = yamlBlocks(Files.readString(DOCS));
        assertFalse(blocks.isEmpty(), "docs/sensor-proxy.md shows config.yaml");
        // The configuration section lists every key with its default value; only allowed_peers shows an example.
        ProxyConfig defaultsAndExamplePeers = load("peers.yaml", """
                allowed_peers:
                  - uid: 0
                    capabilities: [read, write, admin]
                  - uid: 1000
                    capabilities: [read]
                """).config();
        for (String block : blocks) {
            assertEquals(defaultsAndExamplePeers, load("config.yaml", block).config(), block);
        }
    }

    @Test
    void theSeedsConfigFileLoadsUnderOurKeyNames() throws Exception {
        String seed = Files.readString(SEED);
        int start = seed.indexOf("allowed_source_subnets:\n  - 192.168.1.0/24");
        int end = seed.indexOf("allowed_nodes.yaml is the source of truth", start);
        String block = seed.substring(start, end)
                // the seed's product prefix is gone from key and path names, nothing else changed
                .replace("pulse_control_plane:", "control_plane:")
                .replace("/etc/pulse-sensor-proxy/", dir + "/");
        ProxyConfig c = load("seed.yaml", block).config();
        assertEquals(List.of("192.168.1.0/24", "10.0.0.0/8"), c.allowedSourceSubnets());
        assertEquals(List.of("read"), c.allowedPeers().get(1).capabilities());
        assertTrue(c.allowIdmappedRoot());
        assertEquals(Duration.ofSeconds(10), c.writeTimeout());
        assertEquals(":8443", c.httpListenAddr());
        assertEquals("https://pulse.example.com:7655", c.controlPlane().url());
        assertEquals(Duration.ofSeconds(60), c.controlPlane().refreshInterval(), "plain seconds, as the seed wrote them");
        assertEquals(dir.resolve(".pulse-control-token").toString(), c.controlPlane().tokenFile());
        assertEquals(dir.resolve("allowed_nodes.yaml").toString(), c.allowedNodesFile());
    }
}
