package io.homefleet.agent.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The agent's audit trail of destructive decisions: one JSON object per line, appended and synced, owner-only.
 * Nothing secret is ever written here (no tokens, no approval JWTs; only their ids).
 */
public class AuditLog {
    private static final Logger LOG = Logger.getLogger("io.homefleet.agent.audit");
    private static final ObjectMapper JSON = Json.mapper();
    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void record(String event, Map<String, ?> details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Instant.now().toString());
        entry.put("event", event);
        details.forEach((k, v) -> {
            if (v != null) {
                entry.put(k, v);
            }
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                channel.write(ByteBuffer.wrap(line));
                channel.force(false);
            }
            LOG.infof("audit %s %s", event, entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file, e);
        }
    }
}
