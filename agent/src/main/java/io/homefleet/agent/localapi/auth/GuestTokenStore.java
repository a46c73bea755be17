package io.homefleet.agent.localapi.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-guest local-API tokens ({@code hfg_}) in a durable, append-only, owner-only file of JSON lines: a "mint" line
 * holds a token's SHA-256 and its vmid, a "revoke" line ends every token of a vmid minted before it. The daemon
 * and the CLI both append under a file lock; the daemon checks the file's size before each lookup and reads what
 * was appended, so a token minted by another process works at once, with no restart.
 */
public class GuestTokenStore {
    private static final ObjectMapper JSON = Json.mapper();
    private final Path file;
    private final Map<String, Entry> byHash = new LinkedHashMap<>();
    private long readOffset;
    private Object fileKey;

    /** One minted token as the store remembers it: never the token itself. */
    public record Entry(String sha256, int vmid, Instant mintedAt, Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    public GuestTokenStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Mints a token for {@code vmid}, records its hash durably and returns the token (shown once). */
    public String mint(int vmid, String by) {
        String token = Tokens.generate(TokenKind.GUEST);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "mint");
        line.put("vmid", vmid);
        line.put("sha256", Tokens.sha256Hex(token));
        line.put("at", Instant.now().toString());
        line.put("by", by);
        append(line);
        return token;
    }

    /** Revokes every token of {@code vmid}; returns how many were active. */
    public int revoke(int vmid, String by) {
        int active = (int) entries().stream().filter(e -> e.vmid() == vmid && e.active()).count();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "revoke");
        line.put("vmid", vmid);
        line.put("at", Instant.now().toString());
        line.put("by", by);
        append(line);
        return active;
    }

    /** The vmid an active token acts for; empty for unknown or revoked tokens. */
    public synchronized Optional<Integer> vmidOf(String token) {
        refresh();
        byte[] presented = Tokens.sha256(token);
        Entry match = null;
        for (Entry entry : byHash.values()) {
            // Constant-time per comparison; every entry is compared so timing does not reveal which one matched.
            if (java.security.MessageDigest.isEqual(presented, HexFormat.of().parseHex(entry.sha256()))) {
                match = entry;
            }
        }
        return match != null && match.active() ? Optional.of(match.vmid()) : Optional.empty();
    }

    public synchronized List<Entry> entries() {
        refresh();
        return List.copyOf(byHash.values());
    }

    private void append(Map<String, Object> line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                 FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the guest token store " + file, e);
        }
    }

    /** Reads lines appended since the last look; starts over if the file was replaced or shortened. */
    private void refresh() {
        try {
            if (!Files.exists(file)) {
                byHash.clear();
                readOffset = 0;
                return;
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!java.util.Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < readOffset) {
                byHash.clear();
                readOffset = 0;
                fileKey = attributes.fileKey();
            }
            if (attributes.size() == readOffset) {
                return;
            }
            byte[] appended;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(readOffset);
                ByteBuffer buffer = ByteBuffer.allocate((int) (attributes.size() - readOffset));
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // keep reading
                }
                appended = java.util.Arrays.copyOf(buffer.array(), buffer.position());
            }
            // Only whole lines count: a line still being written is read on the next look.
            int end = lastNewline(appended);
            if (end < 0) {
                return;
            }
            for (String line : new String(appended, 0, end + 1, StandardCharsets.UTF_8).split("\n")) {
                apply(line);
            }
            readOffset += end + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the guest token store " + file, e);
        }
    }

    private void apply(String line) throws IOException {
        if (line.isBlank()) {
            return;
        }
        JsonNode node = JSON.readTree(line);
        int vmid = node.path("vmid").asInt(-1);
        Instant at = Instant.parse(node.path("at").asText(Instant.EPOCH.toString()));
        switch (node.path("event").asText()) {
            case "mint" -> byHash.put(node.path("sha256").asText(), new Entry(node.path("sha256").asText(), vmid, at, null));
            case "revoke" -> {
                List<String> hashes = new ArrayList<>();
                byHash.values().stream().filter(e -> e.vmid() == vmid && e.active()).forEach(e -> hashes.add(e.sha256()));
                hashes.forEach(h -> byHash.computeIfPresent(h, (k, e) -> new Entry(e.sha256(), e.vmid(), e.mintedAt(), at)));
            }
            default -> {
                // a line from a later version: ignore
            }
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
