package io.homefleet.agent.cli;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import io.homefleet.agent.localapi.auth.OperatorCredential;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent operator-token rotate}: issues the host-side operator credential; the previous one stops working. */
@Command(name = "operator-token", description = "The host's operator credential (hfo_).",
        subcommands = OperatorTokenCommand.Rotate.class)
public class OperatorTokenCommand {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issue a new operator token (printed once); only its SHA-256 is stored.")
    static class Rotate implements Callable<Integer> {
        @Option(names = "--config", description = "agent.yaml (default: the agent's)")
        Path config;

        @Override
        public Integer call() {
            try {
                AgentConfig loaded = AgentConfigLoader.load(config != null ? config : AgentConfigLoader.defaultLocation());
                System.out.println(new OperatorCredential(loaded.operatorTokenHashFile()).rotate());
                return 0;
            } catch (InvalidConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
