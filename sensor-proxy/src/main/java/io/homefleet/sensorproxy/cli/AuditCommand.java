package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.audit.AuditLog;
import io.homefleet.sensorproxy.config.ConfigException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
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
                    target = Path.of(config.load(settings).config().auditLog);
                } catch (ConfigException e) {
                    e.problems().forEach(p -> System.err.println("config error: " + p));
                    return 2;
                }
            }
            try {
                AuditLog.Verification v = AuditLog.verify(target);
                (v.intact() ? System.out : System.err).println((v.intact() ? "ok: " : "broken: ") + target + ": " + v.detail());
                return v.intact() ? 0 : 1;
            } catch (IOException e) {
                System.err.println("error: cannot read " + target + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
