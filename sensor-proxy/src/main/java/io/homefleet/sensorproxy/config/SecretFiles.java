package io.homefleet.sensorproxy.config;

import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Token files: written 0600 atomically, and refused when anyone but the owner may read them. */
public final class SecretFiles {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /** The file's content without surrounding whitespace; an error message names the file and the fix. */
    public static String read(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist");
        }
        if (mode.stream().anyMatch(OTHERS::contains)) {
            throw new IOException(file + " may be read by others than its owner; chmod 600 " + file);
        }
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return content;
    }

    public static void write(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        AtomicFiles.writeSecret(file, (secret + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
