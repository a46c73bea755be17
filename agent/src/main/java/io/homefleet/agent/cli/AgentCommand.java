package io.homefleet.agent.cli;

import java.io.IOException;
import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import io.homefleet.service.version.ServiceVersion;
import io.quarkus.runtime.Quarkus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent}: runs the daemon; subcommands manage configuration and credentials. */
@Command(name = "agent", mixinStandardHelpOptions = true, versionProvider = AgentCommand.Version.class,
        description = "Homefleet host agent: host metrics, disks, guest provisioning and the local API.",
        subcommands = {ConfigCommand.class, TokensCommand.class, OperatorTokenCommand.class, TlsCommand.class,
            AuditCommand.class})
public class AgentCommand implements Callable<Integer> {

    @Option(names = "--config", description = "agent.yaml (default: ${DEFAULT-VALUE})")
    Path config = AgentConfigLoader.defaultLocation();

    @Override
    public Integer call() {
        AgentConfig loaded;
        try {
            loaded = AgentConfigLoader.load(config);
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        String fingerprint;
        try {
            fingerprint = loaded.localApiCertificate().ensure().toString();
        } catch (IOException e) {
            System.err.println("cannot create the local API certificate at " + loaded.tlsCertFile() + ": "
                    + e.getMessage());
            return 1;
        }
        System.out.println("local API certificate SHA-256 fingerprint: " + fingerprint);
        // Quarkus does not read agent.yaml; hand it the listener before the HTTP server starts.
        System.setProperty("homefleet.agent.config-file", config.toAbsolutePath().toString());
        if (loaded.localApi().enable()) {
            System.setProperty("quarkus.http.host", loaded.localApi().host());
            System.setProperty("quarkus.http.ssl-port", Integer.toString(loaded.localApi().port()));
            System.setProperty("quarkus.http.ssl.certificate.files", loaded.tlsCertFile().toString());
            System.setProperty("quarkus.http.ssl.certificate.key-files", loaded.tlsKeyFile().toString());
            System.setProperty("quarkus.http.insecure-requests", "disabled");
        } else {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run();
        return 0;
    }

    /** {@code agent --version}. */
    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"homefleet-agent " + ServiceVersion.of("agent")};
        }
    }
}
