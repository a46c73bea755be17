package io.homefleet.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The audit log every edge service writes: append-only JSON lines, each carrying a sequence number, the time,
 * the event, its fields, the previous line's hash ({@code prev}) and the SHA-256 of {@code prev} and its own
 * content ({@code hash}), so a deleted or edited line breaks the chain. The file is owner-only (0600).
 *
 * <p>Every line is written to the file before {@link #record} returns (a crash of the process loses nothing);
 * each call says with a {@link Durability} whether it is also forced to disk at once, or by the log within
 * {@link #DEFERRED_FORCE_BOUND}. Forcing the file forces every line before it, so a power loss can only cost
 * lines after the last force (the file's tail); a tail torn mid-line is skipped on the next open and accepted
 * by {@link #verify}, as after a crash mid-write.
 *
 * <p>The chain continues across restarts from the file's last intact line; a torn last line (crash
 * mid-write) is recorded as such and the chain goes on from the line before it. Writers in several threads,
 * or several processes (a daemon and a CLI), stay on one chain: each append holds the file lock and, if
 * someone else appended since, links to their last line.
 */
public final class AuditLog implements AutoCloseable {
    public static final String GENESIS = "0".repeat(64);
    /** The longest a {@link Durability#WITHIN_1S} line waits to be forced to disk. */
    public static final Duration DEFERRED_FORCE_BOUND = Duration.ofSeconds(1);
    /** Half the bound, so a late-running flush thread still meets it. */
    private static final Duration FLUSH_DELAY = DEFERRED_FORCE_BOUND.dividedBy(2);
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Set<StandardOpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    /** File locks are per process; two logs on one file in one JVM also need one monitor between them. */
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    private final Object monitor;
    private String previousHash = GENESIS;
    private long sequence;
    /** The file's size after our last append; a different size means another writer appended. */
    private long knownSize = -1;
    /** How many bytes of the file this log has forced to disk (a lower bound when other writers append). */
    private volatile long forcedSize;
    /** True while a background flush is scheduled for lines written without force. */
    private boolean flushScheduled;
    private final ScheduledThreadPoolExecutor flusher;

    private AuditLog(Path file, FileChannel channel, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
        this.monitor = MONITORS.computeIfAbsent(file, f -> new Object());
        this.flusher = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "audit-log-flush");
            thread.setDaemon(true);
            return thread;
        });
        // close() forces the file itself; a pending flush is dropped, never interrupted (an interrupt during
        // force would close the channel).
        flusher.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public static AuditLog open(Path file, Clock clock) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        FileChannel channel = FileChannel.open(absolute, APPEND,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            // A file created by an older release may be group-readable; the log is the owner's alone.
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        AuditLog log = new AuditLog(absolute, channel, clock);
        log.record("audit_opened", Map.of(), Durability.FORCED);
        return log;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one event to the file and forces it to disk now or within {@link #DEFERRED_FORCE_BOUND}, as
     * {@code durability} says. Fields must be JSON-serializable and never hold secrets.
     *
     * @throws UncheckedIOException when the line cannot be written (or, for {@link Durability#FORCED}, forced):
     *                              an action that must be audited should not go ahead silently unaudited
     */
    public void record(String event, Map<String, ?> fields, Durability durability) {
        synchronized (monitor) {
            try (FileLock ignored = channel.lock()) {
                if (channel.size() != knownSize) {
                    catchUp();
                }
                appendLine(event, fields);
                if (durability == Durability.FORCED) {
                    forceWritten();
                } else if (!flushScheduled) {
                    flushScheduled = true;
                    flusher.schedule(this::flushDeferred, FLUSH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (IOException e) {
                LOG.errorf("cannot write the audit log %s: %s", file, e.getMessage());
                throw new UncheckedIOException("cannot write the audit log " + file, e);
            }
        }
    }

    /** Forces everything written so far; the caller holds the monitor. */
    private void forceWritten() throws IOException {
        long size = knownSize;
        channel.force(false);
        forcedSize = Math.max(forcedSize, size);
    }

    /**
     * The background flush: forces the lines written without force since the last one. The fsync runs outside
     * the monitor so that records arriving meanwhile are not held up by it.
     */
    private void flushDeferred() {
        long target;
        synchronized (monitor) {
            flushScheduled = false;
            if (!channel.isOpen() || forcedSize >= knownSize) {
                return;
            }
            target = knownSize;
        }
        try {
            channel.force(false);
        } catch (ClosedChannelException e) {
            return; // closed meanwhile; close() forced the file
        } catch (IOException e) {
            // The lines are in the file; the next forced record or flush tries again.
            LOG.errorf("cannot force the audit log %s to disk: %s", file, e.getMessage());
            return;
        }
        synchronized (monitor) {
            forcedSize = Math.max(forcedSize, target);
        }
    }

    /**
     * How many bytes of the file this log has forced to disk: every line ending at or before this offset
     * survives a power loss. Equal to the file's size after a {@link Durability#FORCED} record.
     */
    public long forcedSize() {
        return forcedSize;
    }

    private void appendLine(String event, Map<String, ?> fields) throws IOException {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("seq", sequence + 1);
        line.put("time", clock.instant().toString());
        line.put("event", event);
        fields.forEach((k, v) -> {
            if (v != null) {
                line.set(k, MAPPER.valueToTree(v));
            }
        });
        line.put("prev", previousHash);
        String hash = sha256(previousHash, line);
        line.put("hash", hash);
        ByteBuffer bytes = ByteBuffer.wrap((MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        previousHash = hash;
        sequence++;
        knownSize = channel.size();
    }

    /** Finds where the chain stands: the last intact line, written by us earlier, another writer, or a past run. */
    private void catchUp() throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String prev = GENESIS;
        long seq = 0;
        String torn = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode last = parse(line);
            if (last != null && last.path("hash").asText().length() == 64) {
                prev = last.path("hash").asText();
                seq = last.path("seq").asLong();
                break;
            }
            torn = line.length() > 80 ? line.substring(0, 80) : line;
        }
        previousHash = prev;
        sequence = seq;
        if (channel.size() > 0 && !endsWithNewline()) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
        if (torn != null) {
            LOG.warnf("audit log %s ended with an unreadable line; the chain continues from the last intact one", file);
            appendLine("audit_torn_line_skipped", Map.of("fragment", torn));
            forceWritten();
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            reader.read(last, reader.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String sha256(String previous, ObjectNode withoutHash) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(previous.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
            md.update(MAPPER.writeValueAsBytes(withoutHash));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks a whole file: every line's hash, its link to the previous one, and the sequence. */
    public static Verification verify(Path file) throws IOException {
        String prev = GENESIS;
        long seq = 0;
        int n = 0;
        boolean tornPending = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode parsed = parse(line);
            if (parsed == null) {
                tornPending = true; // acceptable only if the next line records the skip
                continue;
            }
            ObjectNode node = (ObjectNode) parsed;
            if (tornPending && !node.path("event").asText().equals("audit_torn_line_skipped")) {
                return new Verification(false, n - 1, "line " + (n - 1) + " is not a JSON object");
            }
            tornPending = false;
            String hash = node.path("hash").asText();
            node.remove("hash");
            if (!node.path("prev").asText().equals(prev)) {
                return new Verification(false, n, "line " + n + " does not link to the line before it");
            }
            if (!sha256(prev, node).equals(hash)) {
                return new Verification(false, n, "line " + n + " was changed (hash mismatch)");
            }
            if (node.path("seq").asLong() != seq + 1 && seq != 0) {
                return new Verification(false, n, "line " + n + " breaks the sequence");
            }
            seq = node.path("seq").asLong();
            prev = hash;
        }
        if (tornPending) {
            return new Verification(false, n, "the last line is not a JSON object (torn write)");
        }
        return new Verification(true, n, "intact: " + seq + " events");
    }

    /**
     * What {@link #verify} found.
     *
     * @param line the first broken line (1-based) when not intact, else the number of lines read
     */
    public record Verification(boolean intact, int line, String detail) {
    }

    @Override
    public void close() throws IOException {
        flusher.shutdown();
        synchronized (monitor) {
            if (channel.isOpen()) {
                channel.force(true);
                forcedSize = channel.size();
                channel.close();
            }
        }
    }
}
