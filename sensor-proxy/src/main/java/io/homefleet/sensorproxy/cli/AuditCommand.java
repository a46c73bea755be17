package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.service.audit.AuditVerifyCommand;
import io.homefleet.sensorproxy.config.ConfigException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit verify}: checks the hash chain of the audit log. */
@Dependent
@Command(name = "audit", description = "The audit log.", mixinStandardHelpOptions = true, subcommands = {AuditCommand.Verify.class})
public class AuditCommand {

    @Dependent
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check every line's hash and link; exit 1 at the first break.")
    public static class Verify implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Option(names = "--file", description = "audit log (default: audit_log from the config)")
        Path file;

        @Inject
        SensorProxySettings settings;

        @Override
        public Integer call() {
            Path target = file;
            if (target == null) {
                try {
                    target = Path.of(config.load(settings).config().auditLog());
                } catch (ConfigException e) {
                    e.problems().forEach(p -> System.err.println("config error: " + p));
                    return 2;
                }
            }
            return AuditVerifyCommand.run(target, System.out, System.err);
        }
    }
}
