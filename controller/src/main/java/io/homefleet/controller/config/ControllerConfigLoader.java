package io.homefleet.controller.config;

import io.homefleet.service.config.EdgeConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and checks controller.yaml; used by the daemon, {@code controller config validate}, setup mode and the
 * desired-state pull alike. Every key can be overridden from the environment as
 * {@code HOMEFLEET_CONTROLLER_<KEY_PATH>} ({@code HOMEFLEET_CONTROLLER_WEB_LISTEN=127.0.0.1:9090}).
 */
public final class ControllerConfigLoader {
    private static final EdgeConfigLoader<ControllerConfig> CONFIGURED =
            EdgeConfigLoader.builder("controller", ControllerConfig.class).fileRequired()
                    .checks(c -> ControllerConfig.problems(c, true)).build();
    /** Setup mode: no file, so defaults and the environment only; nothing about the customer is required. */
    private static final EdgeConfigLoader<ControllerConfig> SETUP =
            EdgeConfigLoader.builder("controller", ControllerConfig.class)
                    .checks(c -> ControllerConfig.problems(c, false)).build();

    private ControllerConfigLoader() {
    }

    /** The config file unless told otherwise: the {@code homefleet.controller.config-file} property, else the default. */
    public static Path defaultLocation() {
        String fromProperty = System.getProperty("homefleet.controller.config-file");
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty);
        }
        String fromEnv = System.getenv("HOMEFLEET_CONTROLLER_CONFIG");
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : ControllerConfig.DEFAULT_FILE;
    }

    /** @throws InvalidConfigException listing every problem, each naming its key */
    public static ControllerConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static ControllerConfig load(Path file, Map<String, String> environment) {
        return CONFIGURED.load(file, environment);
    }

    /** What applies without a controller.yaml: defaults and the environment ({@code file} need not exist). */
    public static ControllerConfig setupDefaults(Path file) {
        return SETUP.load(file, System.getenv());
    }

    public static EdgeConfigLoader<ControllerConfig> loader() {
        return CONFIGURED;
    }
}
