package io.homefleet.sensorproxy.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Set;

/**
 * Entry point. Without a sub-command the daemon runs; with one (a CLI call, possibly beside a running
 * daemon) no HTTP listener starts and only warnings are logged, so output stays clean and ports stay free.
 */
@QuarkusMain
public class SensorProxyMain {
    private static final Set<String> ONE_SHOT = Set.of("sensors", "config", "keys", "tls", "audit", "help",
            "--help", "-h", "--version", "-V");

    public static void main(String... args) {
        if (args.length > 0 && ONE_SHOT.contains(args[0])) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.log.level", "WARN");
        } else {
            ManagementAddress.apply(args);
        }
        Quarkus.run(SensorProxyApplication.class, args);
    }
}
