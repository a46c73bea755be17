package io.homefleet.provisioning.join;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * One SSH session to a new host as root, authenticated with the rebuild's ephemeral key, trusting exactly the host
 * keys the installer's webhook reported (never the first key seen). Commands run with their input on stdin, so a
 * secret never appears on a command line.
 */
public final class HostSsh implements AutoCloseable {
    /** What a remote command did. */
    public record Result(int exitStatus, String output) {
        public boolean ok() {
            return exitStatus == 0;
        }
    }

    private final SshClient client;
    private final ClientSession session;
    private final Duration commandTimeout;

    private HostSsh(SshClient client, ClientSession session, Duration commandTimeout) {
        this.client = client;
        this.session = session;
        this.commandTimeout = commandTimeout;
    }

    /**
     * Connects and authenticates. A host key that is not one of {@code pinnedHostKeys} ("ssh-ed25519 AAAA..." lines)
     * fails with a {@link StepFailed} naming the key presented.
     */
    public static HostSsh connect(String host, int port, KeyPair identity, Set<String> pinnedHostKeys,
            Duration connectTimeout, Duration commandTimeout) throws StepFailed {
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        AtomicReference<String> refused = new AtomicReference<>();
        client.setServerKeyVerifier((ClientSession s, SocketAddress remote, PublicKey key) -> {
            String presented = PublicKeyEntry.toString(key);
            if (pinnedHostKeys.contains(presented)) {
                return true;
            }
            refused.set(KeyUtils.getFingerPrint(key));
            return false;
        });
        client.start();
        ClientSession session = null;
        try {
            session = client.connect("root", host, port).verify(connectTimeout.toMillis()).getSession();
            session.addPublicKeyIdentity(identity);
            session.auth().verify(connectTimeout.toMillis());
            return new HostSsh(client, session, commandTimeout);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, client);
            if (refused.get() != null) {
                throw new StepFailed("connect", "host key of " + host + ":" + port + " (" + refused.get()
                        + ") is not the one the installer reported; refusing to connect (someone in the middle, or "
                        + "another machine at that address)", null, null);
            }
            throw new StepFailed("connect", "cannot log in to " + host + ":" + port + " with the ephemeral key: "
                    + e.getMessage(), null, null);
        }
    }

    /** Runs {@code command} with {@code stdin} (may be null) and answers its exit status and combined output. */
    public Result run(String command, byte[] stdin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
            channel.setOut(out);
            channel.setRedirectErrorStream(true);
            channel.open().verify(commandTimeout.toMillis());
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED,
                    ClientChannelEvent.EXIT_STATUS), commandTimeout.toMillis());
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("'" + command.split(" ")[0] + "' did not finish within " + commandTimeout);
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 2000);
            Integer status = channel.getExitStatus();
            return new Result(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Writes {@code content} to {@code path} on the host, mode 0600, atomically (temp file, then rename). */
    public Result writeSecretFile(String path, byte[] content) throws IOException {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
        String tmp = path + ".homefleet-tmp";
        return run("umask 077 && mkdir -p " + quote(dir.isEmpty() ? "/" : dir) + " && cat > " + quote(tmp)
                + " && chmod 600 " + quote(tmp) + " && mv -f " + quote(tmp) + " " + quote(path), content);
    }

    /** Removes every line holding {@code keyMaterial} from an authorized_keys file and checks it is gone. */
    public Result removeAuthorizedKey(String authorizedKeys, String keyMaterial) throws IOException {
        String f = quote(authorizedKeys);
        String k = quote(keyMaterial);
        return run("f=" + f + "; if [ -f \"$f\" ]; then t=\"$f.homefleet-tmp\"; { grep -vF " + k + " \"$f\" || true; } > \"$t\""
                + " && chmod 600 \"$t\" && mv -f \"$t\" \"$f\"; fi; ! grep -qF " + k + " \"$f\" 2>/dev/null", null);
    }

    /** A POSIX shell single-quoted word. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        closeQuietly(session, client);
    }

    private static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close(true);
            }
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        client.stop();
    }
}
