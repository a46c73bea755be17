package io.homefleet.sensorproxy.ssh;

import io.homefleet.common.sensors.SensorsFormatException;
import io.homefleet.common.sensors.SensorsJsonParser;
import io.homefleet.common.sensors.SensorsReading;
import io.homefleet.sensorproxy.metrics.ProxyMetrics;
import io.homefleet.sensorproxy.sensors.NodeReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.jboss.logging.Logger;

/**
 * Reads cluster nodes over SSH with the proxy's own key. One session per node is opened once and reused (no
 * process per request); one call per node is in flight at a time; output beyond {@code max_ssh_output_bytes}
 * aborts the call. The node's forced command decides what runs; the command sent is only a hint.
 */
public final class SshNodeReader implements NodeReader, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SshNodeReader.class);
    private final SshClient client;
    private final KeyPair identity;
    private final PinnedHostKeyVerifier verifier;
    private final String user;
    private final int port;
    private final String command;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final int maxOutputBytes;
    private final ProxyMetrics metrics;
    private final Clock clock;
    private final SensorsJsonParser parser = new SensorsJsonParser();
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Where to connect for a node name; the name itself unless {@link #connectVia} says otherwise. */
    private volatile UnaryOperator<String> connectTarget = UnaryOperator.identity();

    public SshNodeReader(KeyPair identity, PinnedHostKeyVerifier verifier, String user, int port, String command,
                         Duration connectTimeout, Duration commandTimeout, int maxOutputBytes, ProxyMetrics metrics, Clock clock) {
        this.identity = identity;
        this.verifier = verifier;
        this.user = user;
        this.port = port;
        this.command = command;
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
        this.maxOutputBytes = maxOutputBytes;
        this.metrics = metrics;
        this.clock = clock;
        this.client = SshClient.setUpDefaultClient();
        // Hermetic: never read ~/.ssh/config or ~/.ssh/id_* of whoever runs the proxy.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(verifier);
        client.setKeyExchangeFactories(classicalFirst(client.getKeyExchangeFactories()));
        client.start();
    }

    /**
     * Puts curve25519 ahead of the post-quantum hybrids. MINA's pure-Java sntrup761 allocated about half a
     * gigabyte and took a quarter of a second of CPU per handshake on a 2-core host, stalling the socket while a
     * sweep connected; the hybrids stay in the list for servers that offer nothing else.
     */
    static List<KeyExchangeFactory> classicalFirst(List<KeyExchangeFactory> factories) {
        List<KeyExchangeFactory> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparingInt(f -> f.getName().contains("sntrup") || f.getName().contains("mlkem") ? 1 : 0));
        return ordered;
    }

    @Override
    public SensorsReading read(String node) throws ReadFailure {
        String output = fetch(node);
        try {
            return parser.parse(output, node, clock.instant(), SensorsJsonParser.SOURCE_SENSORS);
        } catch (SensorsFormatException e) {
            throw new ReadFailure("node " + node + " answered something that is not sensors JSON: " + e.getMessage());
        }
    }

    /** The forced command's stdout, whole, or a failure that says why. */
    public String fetch(String node) throws ReadFailure {
        String key = node.toLowerCase(Locale.ROOT);
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        long started = System.nanoTime();
        boolean ok = false;
        try {
            String out;
            try {
                out = exec(session(key), node);
            } catch (StaleSession e) {
                sessions.remove(key);
                try {
                    out = exec(session(key), node); // the node restarted sshd or dropped us: one fresh try
                } catch (StaleSession again) {
                    throw new ReadFailure("ssh to " + node + ": the session closed while opening a channel");
                }
            }
            ok = true;
            return out;
        } finally {
            metrics.sshLatency(key, Duration.ofNanos(System.nanoTime() - started), ok);
            lock.unlock();
        }
    }

    /** Sets how a node name becomes the address to connect to (e.g. the hub's address for a name DNS does not know). */
    public void connectVia(UnaryOperator<String> target) {
        this.connectTarget = target;
    }

    /** Opens the node's session ahead of the first read (at start), so the first sweep does not pay the handshakes. */
    public void connect(String node) {
        String key = node.toLowerCase(Locale.ROOT);
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            session(key);
        } catch (ReadFailure e) {
            LOG.infof("cannot open a session to %s yet: %s", node, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private ClientSession session(String node) throws ReadFailure {
        ClientSession existing = sessions.get(node);
        if (existing != null && existing.isOpen() && !existing.isClosing()) {
            return existing;
        }
        sessions.remove(node);
        ClientSession session = null;
        String target = connectTarget.apply(node);
        try {
            session = client.connect(user, target, port).verify(connectTimeout.toMillis()).getSession();
            session.addPublicKeyIdentity(identity);
            session.auth().verify(connectTimeout.toMillis());
            sessions.put(node, session);
            return session;
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            String refusal = verifier.lastRefusal(target);
            String where = target.equals(node) ? node : node + " (" + target + ")";
            throw new ReadFailure(refusal != null ? refusal : "ssh to " + where + ":" + port + " failed: " + rootMessage(e));
        }
    }

    private String exec(ClientSession session, String node) throws ReadFailure, StaleSession {
        CappedOutput stdout = new CappedOutput(maxOutputBytes);
        ChannelExec channel;
        try {
            channel = session.createExecChannel(command);
        } catch (IOException e) {
            throw new StaleSession();
        }
        try (channel) {
            stdout.channel = channel;
            channel.setOut(stdout);
            channel.setErr(OutputStream.nullOutputStream());
            try {
                channel.open().verify(commandTimeout.toMillis());
            } catch (IOException e) {
                if (!session.isOpen() || session.isClosing()) {
                    throw new StaleSession();
                }
                throw new ReadFailure("ssh to " + node + ": cannot run the command: " + rootMessage(e));
            }
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), commandTimeout.toMillis());
            if (stdout.overflowed) {
                metrics.oversizedOutput(node);
                throw new ReadFailure("node " + node + " sent more than max_ssh_output_bytes (" + maxOutputBytes + ")");
            }
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new ReadFailure("node " + node + " did not answer within " + commandTimeout.toMillis() + " ms");
            }
            Integer exit = channel.getExitStatus();
            String text = stdout.text();
            if (text.isBlank()) {
                throw new ReadFailure("node " + node + " printed nothing (exit " + exit + "); is lm-sensors installed there?");
            }
            return text; // a non-zero exit with JSON is still a reading (sensors exits 1 on partial failures)
        } catch (IOException e) {
            throw new ReadFailure("ssh to " + node + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static void closeQuietly(ClientSession s) {
        if (s != null) {
            s.close(true);
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(s -> s.close(true));
        sessions.clear();
        client.stop();
    }

    private static final class StaleSession extends Exception {
        StaleSession() {
            super(null, null, false, false);
        }
    }

    /** Keeps at most {@code limit} bytes; on overflow it closes the channel so the node stops sending. */
    private static final class CappedOutput extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final int limit;
        volatile boolean overflowed;
        volatile ChannelExec channel;

        CappedOutput(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (overflowed) {
                return;
            }
            if (buffer.size() + len > limit) {
                overflowed = true;
                LOG.debug("ssh output over the cap; closing the channel");
                if (channel != null) {
                    channel.close(true);
                }
                return;
            }
            buffer.write(b, off, len);
        }

        synchronized String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
