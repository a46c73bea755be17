package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.config.LoadedConfig;
import java.nio.file.Path;
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
}
