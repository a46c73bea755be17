package io.homefleet.controller.cli;

import io.homefleet.service.version.ServiceVersion;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.config.ControllerConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import io.quarkus.runtime.Quarkus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code controller}: runs the service; subcommands check configuration. */
@Command(name = "controller", mixinStandardHelpOptions = true, versionProvider = ControllerCommand.Version.class,
        description = "Homefleet controller: the customer's own server, reporting to the hub.",
        subcommands = ConfigCommand.class)
public class ControllerCommand implements Callable<Integer> {
    public static final Path DEFAULT_BOOTSTRAP = Path.of("/etc/homefleet-bootstrap/bootstrap.json");

    @Option(names = "--config", description = "controller.yaml (default: ${DEFAULT-VALUE})")
    Path config = ControllerConfigLoader.defaultLocation();

    @Option(names = "--bootstrap", description = "the agent's bootstrap.json (default: ${DEFAULT-VALUE})")
    Path bootstrap = DEFAULT_BOOTSTRAP;

    @Override
    public Integer call() {
        // Validated before anything starts, so a broken file is one clear message, not a failed boot.
        ControllerConfig loaded;
        try {
            // Without a file (setup mode, or about to be seeded from the bootstrap, which never sets web.*), the
            // listener comes from defaults and the environment.
            loaded = Files.exists(config) ? ControllerConfigLoader.load(config)
                    : ControllerConfigLoader.setupDefaults(config);
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.setProperty("homefleet.controller.config-file", config.toAbsolutePath().toString());
        System.setProperty("homefleet.controller.bootstrap-file", bootstrap.toAbsolutePath().toString());
        System.setProperty("quarkus.http.host", loaded.web().host());
        System.setProperty("quarkus.http.port", Integer.toString(loaded.web().port()));
        Quarkus.run();
        return 0;
    }

    /** {@code controller --version}. */
    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"homefleet-controller " + ServiceVersion.of("controller")};
        }
    }
}
