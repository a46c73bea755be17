package io.homefleet.agent.cli;

import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import io.homefleet.service.audit.AuditVerifyCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent audit verify}: checks the hash chain of the audit log that records every disk format decision. */
@Command(name = "audit", description = "The audit log.", subcommands = AuditCommand.Verify.class)
public class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every line's hash and link; exit 1 at the first break.")
    static class Verify implements Callable<Integer> {
        @Option(names = "--config", description = "agent.yaml (default: the agent's)")
        Path config;

        @Option(names = "--file", description = "audit log (default: audit.log in the config's state_dir)")
        Path file;

        @Override
        public Integer call() {
            Path target = file;
            if (target == null) {
                try {
                    target = AgentConfigLoader.load(config != null ? config : AgentConfigLoader.defaultLocation())
                            .auditLogFile();
                } catch (InvalidConfigException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
            }
            return AuditVerifyCommand.run(target, System.out, System.err);
        }
    }
}
