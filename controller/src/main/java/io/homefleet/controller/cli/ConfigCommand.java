package io.homefleet.controller.cli;

import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.config.ControllerConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code controller config validate}: checks controller.yaml and the files it names, without starting anything. */
@Command(name = "config", description = "Configuration commands.", subcommands = ConfigCommand.Validate.class)
public class ConfigCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check controller.yaml; exit 0 when usable, 1 when not.")
    static class Validate implements Callable<Integer> {
        @Option(names = "--config", description = "controller.yaml (default: the controller's)")
        Path config;

        @Override
        public Integer call() {
            Path file = config != null ? config : ControllerConfigLoader.defaultLocation();
            try {
                ControllerConfig loaded = ControllerConfigLoader.load(file);
                List<String> warnings = new ArrayList<>();
                if (!Files.isReadable(loaded.hub().customerKeyFile())) {
                    warnings.add("hub.customer_key_file " + loaded.hub().customerKeyFile()
                            + " is not readable: reports will not be sent");
                }
                if (loaded.localApi() != null && loaded.localApi().tokenFile() != null
                        && !Files.isReadable(loaded.localApi().tokenFile())) {
                    warnings.add("local_api.token_file " + loaded.localApi().tokenFile() + " is not readable");
                }
                if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).endsWith("------")) {
                    warnings.add(file + " is readable by others; chmod 600 it");
                }
                System.out.println(file + ": valid (customer " + loaded.customer().id() + ", hub " + loaded.hub().url()
                        + ", local API " + (loaded.localApi() == null ? "not configured" : loaded.localApi().endpoint())
                        + ", web " + loaded.web().listen() + ")");
                warnings.forEach(w -> System.out.println("warning: " + w));
                return 0;
            } catch (InvalidConfigException e) {
                System.err.println(e.getMessage());
                return 1;
            } catch (java.io.IOException e) {
                System.err.println("cannot read " + file + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
