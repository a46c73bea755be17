package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.daemon.Daemon;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sensor-proxy [--config FILE]}: runs the daemon until stopped. */
@Dependent
@Command(name = "sensor-proxy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reads, normalizes and serves this Proxmox cluster's temperatures.",
        subcommands = {SensorsCommand.class, ConfigCommand.class, KeysCommand.class, TlsCommand.class, AuditCommand.class,
                RegisterCommand.class})
public class RootCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "config.yaml (default: ${DEFAULT-VALUE} or homefleet.sensor-proxy.config-file)")
    Path config;

    @Inject
    SensorProxySettings settings;

    @Inject
    Daemon daemon;

    @Override
    public Integer call() {
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.fromSystem().load(config != null ? config : settings.configFile());
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.err.println("config error: " + p));
            return 2;
        }
        try {
            daemon.start(loaded);
        } catch (Exception e) {
            System.err.println("cannot start: " + e.getMessage());
            return 1;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
