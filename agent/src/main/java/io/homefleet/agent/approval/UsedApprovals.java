package io.homefleet.agent.approval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids (jti) of approvals already spent, kept in a file so an approval stays single-use across restarts.
 * An id is recorded before the operation runs: a crash mid-format must not make the approval usable again.
 */
public class UsedApprovals {
    private final Path file;
    private final Set<String> used = new HashSet<>();

    public UsedApprovals(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(used::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spent approvals " + file, e);
        }
    }

    /** Records the id; false when it was already spent. */
    public synchronized boolean spend(String jti) {
        if (used.contains(jti)) {
            return false;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                channel.write(ByteBuffer.wrap((jti + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a spent approval in " + file, e);
        }
        used.add(jti);
        return true;
    }

    public synchronized boolean isSpent(String jti) {
        return used.contains(jti);
    }
}
