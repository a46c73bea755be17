package io.homefleet.agent.cli;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent tls fingerprint}: the SHA-256 fingerprint controllers pin (creates the certificate if absent). */
@Command(name = "tls", description = "The local API's TLS certificate.", subcommands = TlsCommand.Fingerprint.class)
public class TlsCommand {

    @Command(name = "fingerprint", mixinStandardHelpOptions = true, description = "Print the certificate's SHA-256 fingerprint.")
    static class Fingerprint implements Callable<Integer> {
        @Option(names = "--config", description = "agent.yaml (default: the agent's)")
        Path config;

        @Override
        public Integer call() {
            try {
                AgentConfig loaded = AgentConfigLoader.load(config != null ? config : AgentConfigLoader.defaultLocation());
                System.out.println(loaded.localApiCertificate().ensure());
                return 0;
            } catch (InvalidConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (java.io.IOException e) {
                System.err.println("cannot create the local API certificate: " + e.getMessage());
                return 1;
            }
        }
    }
}
