package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.ProxyConfig;
import io.homefleet.sensorproxy.ssh.AuthorizedKeyLine;
import io.homefleet.sensorproxy.ssh.AuthorizedKeysFile;
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
        subcommands = {KeysCommand.AuthorizedLine.class, KeysCommand.Stage.class, KeysCommand.VerifyStaged.class,
                KeysCommand.Swap.class, KeysCommand.Rollback.class, KeysCommand.PushStaged.class, KeysCommand.RetirePrevious.class})
public class KeysCommand {

    @Dependent
    @Command(name = "authorized-line", mixinStandardHelpOptions = true,
            description = "Print the authorized_keys line for cluster nodes (forced command, no forwarding, no pty); creates the key if absent.")
    public static class AuthorizedLine implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Option(names = "--from", paramLabel = "ADDR", description = "addresses or networks the proxy connects from (repeatable)")
        List<String> from = List.of();

        @Option(names = "--staged", description = "the line for the staged key (rotation)")
        boolean staged;

        @Inject
        SensorProxySettings settings;

        @Override
        public Integer call() {
            java.util.Optional<LoadedConfig> loaded = config.loadOrReport(settings);
            if (loaded.isEmpty()) {
                return 2;
            }
            ProxyConfig c = loaded.get().config();
            try {
                SshKeyStore store = new SshKeyStore(Path.of(c.stateDir()));
                KeyPair key = staged ? store.loadStaged() : store.loadOrCreate();
                System.out.println(AuthorizedKeyLine.of(SshKeyStore.publicLine(key), from, c.ssh().command()));
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

    /** Shared by the rotation steps: load the config, run the step, map failures to exit codes. */
    abstract static class RotationStep implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Inject
        SensorProxySettings settings;

        abstract int step(LoadedConfig loaded, SshKeyStore store) throws IOException;

        @Override
        public Integer call() {
            java.util.Optional<LoadedConfig> found = config.loadOrReport(settings);
            if (found.isEmpty()) {
                return 2;
            }
            LoadedConfig loaded = found.get();
            try {
                return step(loaded, new SshKeyStore(Path.of(loaded.config().stateDir())));
            } catch (IOException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    @Dependent
    @Command(name = "stage", mixinStandardHelpOptions = true,
            description = "Rotation 1/3: create a new key beside the current one and print its authorized_keys line; add that line on every node.")
    public static class Stage extends RotationStep {
        @Option(names = "--from", paramLabel = "ADDR", description = "addresses or networks the proxy connects from (repeatable)")
        List<String> from = List.of();

        @Override
        int step(LoadedConfig loaded, SshKeyStore store) throws IOException {
            KeyPair key = store.stage();
            System.out.println(AuthorizedKeyLine.of(SshKeyStore.publicLine(key), from, loaded.config().ssh().command()));
            return 0;
        }
    }

    @Dependent
    @Command(name = "verify-staged", mixinStandardHelpOptions = true,
            description = "Rotation 2/3: read every allowed node with the staged key; exit 1 if any node refuses it.")
    public static class VerifyStaged extends RotationStep {
        @Override
        int step(LoadedConfig loaded, SshKeyStore store) throws IOException {
            return KeyRotation.verify(loaded, store.loadStaged()) == 0 ? 0 : 1;
        }
    }

    @Dependent
    @Command(name = "swap", mixinStandardHelpOptions = true,
            description = "Rotation 3/3: verify the staged key on every node, then make it current and keep the old one for rollback; restart the daemon after.")
    public static class Swap extends RotationStep {
        @Option(names = "--skip-verify", description = "swap even if some node refuses the staged key")
        boolean skipVerify;

        @Override
        int step(LoadedConfig loaded, SshKeyStore store) throws IOException {
            if (!skipVerify && KeyRotation.verify(loaded, store.loadStaged()) > 0) {
                System.err.println("error: some nodes refuse the staged key; nothing swapped");
                return 1;
            }
            store.swap();
            System.out.println("swapped: restart the proxy (systemctl restart homefleet-sensor-proxy), then remove the old line from every node");
            return 0;
        }
    }

    @Dependent
    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Put the previous key back (the rotated-out key becomes the staged one).")
    public static class Rollback extends RotationStep {
        @Override
        int step(LoadedConfig loaded, SshKeyStore store) throws IOException {
            store.rollback();
            System.out.println("rolled back: restart the proxy");
            return 0;
        }
    }

    /** Where the nodes read their keys: the cluster-wide file when this is a Proxmox node, else root's own. */
    static Path defaultAuthorizedKeys() {
        Path cluster = Path.of("/etc/pve/priv/authorized_keys");
        return java.nio.file.Files.exists(cluster) ? cluster : Path.of("/root/.ssh/authorized_keys");
    }

    @Dependent
    @Command(name = "push-staged", mixinStandardHelpOptions = true,
            description = "Rotation: add the staged key's line to authorized_keys (run as root; on a cluster /etc/pve/priv/authorized_keys reaches every node).")
    public static class PushStaged extends RotationStep {
        @Option(names = "--authorized-keys", paramLabel = "FILE", description = "default: /etc/pve/priv/authorized_keys, else /root/.ssh/authorized_keys")
        Path file;

        @Option(names = "--from", paramLabel = "ADDR", description = "addresses or networks the proxy connects from (repeatable)")
        List<String> from = List.of();

        @Override
        int step(LoadedConfig loaded, SshKeyStore store) throws IOException {
            KeyPair staged = store.loadStaged();
            Path target = file != null ? file : defaultAuthorizedKeys();
            boolean changed = new AuthorizedKeysFile(target).add(
                    AuthorizedKeyLine.of(SshKeyStore.publicLine(staged), from, loaded.config().ssh().command()), staged);
            System.out.println((changed ? "added the staged key to " : "the staged key is already in ") + target);
            return 0;
        }
    }

    @Dependent
    @Command(name = "retire-previous", mixinStandardHelpOptions = true,
            description = "Rotation: remove the previous (swapped-out) key's line from authorized_keys.")
    public static class RetirePrevious extends RotationStep {
        @Option(names = "--authorized-keys", paramLabel = "FILE", description = "default: /etc/pve/priv/authorized_keys, else /root/.ssh/authorized_keys")
        Path file;

        @Override
        int step(LoadedConfig loaded, SshKeyStore store) throws IOException {
            Path target = file != null ? file : defaultAuthorizedKeys();
            int removed = new AuthorizedKeysFile(target).remove(store.loadPrevious());
            System.out.println("removed " + removed + " line(s) of the previous key from " + target);
            return 0;
        }
    }
}
