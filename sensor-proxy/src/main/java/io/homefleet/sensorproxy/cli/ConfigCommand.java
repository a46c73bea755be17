package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.AllowedNodesFile;
import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.daemon.RunningProxy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code config validate} and {@code config set-allowed-nodes}. */
@Dependent
@Command(name = "config", description = "Check or change the configuration.", mixinStandardHelpOptions = true,
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.SetAllowedNodes.class})
public class ConfigCommand {
    static final int INVALID = 2;

    @Dependent
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check config.yaml, the environment overrides and allowed_nodes.yaml; exit 2 listing every problem.")
    public static class Validate implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Inject
        SensorProxySettings settings;

        @Override
        public Integer call() {
            try {
                LoadedConfig loaded = config.load(settings);
                System.out.println("ok: " + loaded.configFile() + (RunningProxy.syncEnabled(loaded.config())
                        ? " (allowed nodes: decided by the hub at " + loaded.config().controlPlane().url() + "; "
                                + loaded.fileNodes().size() + " cached in " + loaded.allowedNodesFile().path() + ")"
                        : " (allowed nodes: " + loaded.allowedNodes(loaded.fileNodes()).entries().size() + ")"));
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(p -> System.err.println("error: " + p));
                return INVALID;
            }
        }
    }

    @Dependent
    @Command(name = "set-allowed-nodes", mixinStandardHelpOptions = true,
            description = "Add nodes (names, IPs, CIDRs) to allowed_nodes.yaml, or replace the list; locked, deduplicated, atomic.")
    public static class SetAllowedNodes implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Option(names = "--merge", paramLabel = "NODE", required = true, description = "node to add (repeatable)")
        List<String> merge;

        @Option(names = "--replace", description = "replace the whole list with the --merge values")
        boolean replace;

        @Inject
        SensorProxySettings settings;

        @Override
        public Integer call() {
            LoadedConfig loaded;
            try {
                loaded = config.load(settings);
            } catch (ConfigException e) {
                e.problems().forEach(p -> System.err.println("error: " + p));
                return INVALID;
            }
            AllowedNodesFile file = loaded.allowedNodesFile();
            if (RunningProxy.syncEnabled(loaded.config())) {
                System.err.println("error: the hub at " + loaded.config().controlPlane().url() + " decides the allowed nodes "
                        + "(control_plane in " + loaded.configFile() + "); add the host to the hub instead, or set "
                        + "legacy_allowlist: true to keep the list by hand");
                return INVALID;
            }
            try {
                List<String> written = file.update(merge, replace);
                System.out.println("wrote " + file.path() + ": " + String.join(", ", written));
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(p -> System.err.println("error: " + p));
                return INVALID;
            } catch (IOException e) {
                System.err.println("error: cannot write " + file.path() + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
