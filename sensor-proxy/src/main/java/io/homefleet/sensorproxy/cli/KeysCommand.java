package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.ProxyConfig;
import io.homefleet.sensorproxy.ssh.AuthorizedKeyLine;
import io.homefleet.sensorproxy.ssh.SshKeyStore;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keys authorized-line}: the line each cluster node's authorized_keys needs. */
@Dependent
@Command(name = "keys", description = "The proxy's SSH key.", mixinStandardHelpOptions = true,
        subcommands = {KeysCommand.AuthorizedLine.class})
public class KeysCommand {

    @Dependent
    @Command(name = "authorized-line", mixinStandardHelpOptions = true,
            description = "Print the authorized_keys line for cluster nodes (forced command, no forwarding, no pty); creates the key if absent.")
    public static class AuthorizedLine implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Option(names = "--from", paramLabel = "ADDR", description = "addresses or networks the proxy connects from (repeatable)")
        List<String> from = List.of();

        @Inject
        SensorProxySettings settings;

        @Override
        public Integer call() {
            ProxyConfig c;
            try {
                c = config.load(settings).config();
            } catch (ConfigException e) {
                e.problems().forEach(p -> System.err.println("config error: " + p));
                return 2;
            }
            try {
                KeyPair key = new SshKeyStore(Path.of(c.stateDir)).loadOrCreate();
                System.out.println(AuthorizedKeyLine.of(SshKeyStore.publicLine(key), from, c.ssh.command));
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }
}
