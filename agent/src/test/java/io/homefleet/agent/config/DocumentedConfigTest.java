package io.homefleet.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent.yaml users were shown keeps loading. */
class DocumentedConfigTest {
    @Test
    void everyConfigExampleInTheDocsLoads(@TempDir Path dir) throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "agent.md")));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertFalse(blocks.isEmpty(), "docs/agent.md shows agent.yaml");
        for (String block : blocks) {
            AgentConfig c = AgentConfigLoader.loader().load(Files.writeString(dir.resolve("agent.yaml"), block), Map.of());
            assertEquals("pve-01", c.hub().hostId(), block);
            assertEquals("192.168.0.162:8443", c.localApi().advertiseAddr());
            assertEquals(Path.of("/run/homefleet-sensor-proxy/sensor-proxy.sock"), c.sensorProxy().socket());
        }
    }
}
