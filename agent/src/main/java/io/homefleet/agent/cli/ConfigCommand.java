package io.homefleet.agent.cli;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code agent config validate}: checks agent.yaml and the files it names, without starting anything. */
@Command(name = "config", description = "Configuration commands.", subcommands = ConfigCommand.Validate.class)
public class ConfigCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check agent.yaml; exit 0 when usable.")
    static class Validate implements Callable<Integer> {
        @ParentCommand
        ConfigCommand parent;

        @Option(names = "--config", description = "agent.yaml (default: the agent's)")
        Path config;

        @Override
        public Integer call() {
            Path file = config != null ? config : AgentConfigLoader.defaultLocation();
            try {
                AgentConfig loaded = AgentConfigLoader.load(file);
                List<String> warnings = new ArrayList<>(loaded.hub().warnings());
                if (!Files.isReadable(loaded.hub().hostKeyFile())) {
                    warnings.add("hub.host_key_file " + loaded.hub().hostKeyFile() + " is not readable yet: host reports will be refused");
                }
                if (loaded.hub().approvalPublicKeyFile() == null || !Files.isReadable(loaded.hub().approvalPublicKeyFile())) {
                    warnings.add("hub.approval_public_key_file is not set or not readable: data-bearing disks can never be approved for formatting");
                }
                if (!Files.isExecutable(loaded.proxmox().pvesh())) {
                    warnings.add("proxmox.pvesh " + loaded.proxmox().pvesh() + " is not executable");
                }
                System.out.println(file + ": valid (host " + loaded.hub().hostId() + ", node " + loaded.proxmox().node()
                        + ", local API " + (loaded.localApi().enable() ? loaded.localApi().listenAddr() : "disabled") + ")");
                warnings.forEach(w -> System.out.println("warning: " + w));
                return 0;
            } catch (InvalidConfigException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }
}
