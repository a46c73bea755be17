package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.HostName;
import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.ProxyConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tls fingerprint}: what HTTPS clients pin. */
@Dependent
@Command(name = "tls", description = "The HTTPS certificate.", mixinStandardHelpOptions = true,
        subcommands = {TlsCommand.Fingerprint.class})
public class TlsCommand {

    @Dependent
    @Command(name = "fingerprint", mixinStandardHelpOptions = true,
            description = "Print the HTTPS certificate's SHA-256 fingerprint (generating the certificate if absent).")
    public static class Fingerprint implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Inject
        SensorProxySettings settings;

        @Override
        public Integer call() {
            java.util.Optional<LoadedConfig> loaded = config.loadOrReport(settings);
            if (loaded.isEmpty()) {
                return 2;
            }
            ProxyConfig c = loaded.get().config();
            try {
                System.out.println(c.httpsCertificate(HostName.local()).ensure());
                return 0;
            } catch (IOException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }
}
