package io.homefleet.agent.config;

import io.homefleet.service.config.EdgeConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import java.nio.file.Path;

/**
 * Reads and checks agent.yaml; used by the daemon, the CLI and {@code agent config validate} alike. Every key can be
 * overridden from the environment as {@code HOMEFLEET_AGENT_<KEY_PATH>} ({@code HOMEFLEET_AGENT_HUB_URL}).
 */
public final class AgentConfigLoader {
    private static final EdgeConfigLoader<AgentConfig> LOADER =
            EdgeConfigLoader.builder("agent", AgentConfig.class).fileRequired()
                    .checks(AgentConfig::problems).build();

    private AgentConfigLoader() {
    }

    /** The config file the daemon and CLI use unless told otherwise. */
    public static Path defaultLocation() {
        String fromProperty = System.getProperty("homefleet.agent.config-file");
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty);
        }
        String fromEnv = System.getenv("HOMEFLEET_AGENT_CONFIG");
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : AgentConfig.DEFAULT_FILE;
    }

    /** @throws InvalidConfigException listing every problem, each naming its key */
    public static AgentConfig load(Path file) {
        return LOADER.load(file, System.getenv());
    }

    public static EdgeConfigLoader<AgentConfig> loader() {
        return LOADER;
    }
}
