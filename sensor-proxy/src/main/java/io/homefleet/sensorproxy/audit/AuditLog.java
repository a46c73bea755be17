package io.homefleet.sensorproxy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Append-only JSON lines, each carrying the SHA-256 of the previous line's hash and its own content, so a
 * deleted or edited line breaks the chain. On start the chain continues from the file's last intact line,
 * across restarts; a torn last line (crash mid-write) is recorded as such and the chain goes on from the line
 * before it.
 */
public final class AuditLog implements AutoCloseable {
    public static final String GENESIS = "0".repeat(64);
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final FileChannel channel;
    private final Clock clock;
    private String previousHash;
    private long sequence;

    private AuditLog(FileChannel channel, Clock clock, String previousHash, long sequence) {
        this.channel = channel;
        this.clock = clock;
        this.previousHash = previousHash;
        this.sequence = sequence;
    }

    public static AuditLog open(Path file, Clock clock) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String prev = GENESIS;
        long seq = 0;
        String torn = null;
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode last = MAPPER.readTree(line);
                    prev = last.path("hash").asText();
                    seq = last.path("seq").asLong();
                    if (prev.length() != 64) {
                        throw new IOException("no hash");
                    }
                    break;
                } catch (IOException e) {
                    torn = line.length() > 80 ? line.substring(0, 80) : line;
                    prev = GENESIS;
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        AuditLog log = new AuditLog(channel, clock, prev, seq);
        if (channel.size() > 0 && !endsWithNewline(file)) {
            channel.write(ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8)));
        }
        if (torn != null) {
            LOG.warnf("audit log %s ended with an unreadable line; the chain continues from the last intact one", file);
            log.record("audit_torn_line_skipped", Map.of("fragment", torn));
        }
        log.record("audit_opened", Map.of());
        return log;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() == 0) {
                return true;
            }
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 1);
            return b.get(0) == '\n';
        }
    }

    /** Appends one event; fields must be JSON-serializable and never hold secrets. */
    public synchronized void record(String event, Map<String, ?> fields) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("seq", ++sequence);
        line.put("time", clock.instant().toString());
        line.put("event", event);
        fields.forEach((k, v) -> line.set(k, MAPPER.valueToTree(v)));
        line.put("prev", previousHash);
        String hash = sha256(previousHash, line);
        line.put("hash", hash);
        try {
            channel.write(ByteBuffer.wrap((MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
            previousHash = hash;
        } catch (IOException e) {
            sequence--;
            LOG.errorf("cannot write audit log: %s", e.getMessage());
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
            ObjectNode node;
            try {
                node = (ObjectNode) MAPPER.readTree(line);
            } catch (IOException | ClassCastException e) {
                tornPending = true; // acceptable only if the next line records the skip
                continue;
            }
            if (tornPending && !node.path("event").asText().equals("audit_torn_line_skipped")) {
                return new Verification(false, n, "line " + (n - 1) + " is not a JSON object");
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

    public record Verification(boolean intact, int lines, String detail) {
    }

    @Override
    public synchronized void close() throws IOException {
        channel.force(true);
        channel.close();
    }
}
