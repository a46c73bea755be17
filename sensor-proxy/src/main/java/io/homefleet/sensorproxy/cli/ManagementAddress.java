package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.config.ListenAddress;
import io.homefleet.sensorproxy.config.ProxyConfig;
import java.nio.file.Path;

/**
 * Applies {@code log_level} and points Quarkus' own HTTP server (health, metrics, OpenAPI) at {@code metrics_address} before it starts:
 * loopback port 9127 by default, never the public HTTPS listener.
 */
final class ManagementAddress {
    static final String DEFAULT = "127.0.0.1:9127";

    private ManagementAddress() {
    }

    static void apply(String[] args) {
        Path file = ConfigLoader.DEFAULT_FILE;
        String fromProperty = System.getProperty("homefleet.sensor-proxy.config-file",
                System.getenv("HOMEFLEET_SENSOR_PROXY_CONFIG_FILE"));
        if (fromProperty != null) {
            file = Path.of(fromProperty);
        }
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--config")) {
                file = Path.of(args[i + 1]);
            }
        }
        String address = DEFAULT;
        try {
            ProxyConfig config = ConfigLoader.fromSystem().load(file).config();
            if (!config.metricsAddress().equals("default")) {
                address = config.metricsAddress();
            }
            System.setProperty("quarkus.log.level", config.logLevel().toUpperCase(java.util.Locale.ROOT));
        } catch (ConfigException e) {
            // The daemon command reports the problems itself and exits; keep the default meanwhile.
        }
        ListenAddress listen = ListenAddress.parse(address);
        System.setProperty("quarkus.http.host", listen.host());
        System.setProperty("quarkus.http.port", Integer.toString(listen.port()));
    }
}
