package io.homefleet.provisioning.join;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * One SSH session to a new host as root, authenticated with the rebuild's ephemeral key, trusting exactly the host
 * keys the installer's webhook reported (never the first key seen). Commands run with their input on stdin, so a
 * secret never appears on a command line. Sessions come from {@link HostSshClient}, one client for every join.
 */
public final class HostSsh implements AutoCloseable {
    /** What a remote command did. */
    public record Result(int exitStatus, String output) {
        public boolean ok() {
            return exitStatus == 0;
        }
    }

    private final ClientSession session;
    private final Duration commandTimeout;

    HostSsh(ClientSession session, Duration commandTimeout) {
        this.session = session;
        this.commandTimeout = commandTimeout;
    }

    /** Runs {@code command} with {@code stdin} (may be null) and answers its exit status and combined output. */
    public Result run(String command, byte[] stdin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setRedirectErrorStream(true);
            channel.open().verify(commandTimeout.toMillis());
            // Written to the channel directly and closed (EOF): an InputStream given with setIn would get a pump
            // thread that polls it for the whole command, which cost more CPU than the command with many joins.
            try (OutputStream in = channel.getInvertedIn()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
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

    /**
     * Writes each of {@code files} (path on the host → content) mode 0600, atomically (temp file, checked length,
     * then rename), and then runs {@code thenCommand} (may be null): one command, its contents on stdin, in order.
     */
    public Result writeSecretFiles(Map<String, byte[]> files, String thenCommand) throws IOException {
        StringBuilder script = new StringBuilder("umask 077");
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
            String tmp = quote(path + ".homefleet-tmp");
            int length = file.getValue().length;
            // head -c reads no further than its count, so the next file's bytes stay on stdin.
            script.append(" && mkdir -p ").append(quote(dir.isEmpty() ? "/" : dir))
                    .append(" && head -c ").append(length).append(" > ").append(tmp)
                    .append(" && [ \"$(wc -c < ").append(tmp).append(")\" -eq ").append(length).append(" ]")
                    .append(" && chmod 600 ").append(tmp).append(" && mv -f ").append(tmp).append(' ').append(quote(path));
            stdin.writeBytes(file.getValue());
        }
        if (thenCommand != null) {
            script.append(" && ").append(thenCommand);
        }
        byte[] input = stdin.toByteArray();
        try {
            return run(script.toString(), input);
        } finally {
            java.util.Arrays.fill(input, (byte) 0);
        }
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
        try {
            session.close(true);
        } catch (RuntimeException ignored) {
            // closing anyway
        }
    }
}
