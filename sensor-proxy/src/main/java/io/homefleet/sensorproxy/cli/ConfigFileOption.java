package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.config.LoadedConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every sub-command shares. */
public class ConfigFileOption {
    @Option(names = "--config", paramLabel = "FILE", description = "config.yaml (default: /etc/homefleet-sensor-proxy/config.yaml)")
    Path file;

    Path resolve(SensorProxySettings settings) {
        return file != null ? file : settings.configFile();
    }

    LoadedConfig load(SensorProxySettings settings) throws ConfigException {
        return ConfigLoader.fromSystem().load(resolve(settings));
    }

    /** Loads the configuration, or prints every problem to stderr and answers empty (the command then exits 2). */
    Optional<LoadedConfig> loadOrReport(SensorProxySettings settings) {
        try {
            return Optional.of(load(settings));
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.err.println("config error: " + p));
            return Optional.empty();
        }
    }
}
