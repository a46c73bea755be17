package io.homefleet.sensorproxy.ssh;

import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Adds or removes the proxy's line in an authorized_keys file, atomically and idempotently. On a Proxmox
 * cluster {@code /etc/pve/priv/authorized_keys} is shared by every node, so one edit there reaches them all.
 * Only lines carrying the proxy's marker and the given key are ever removed.
 */
public final class AuthorizedKeysFile {
    private final Path file;

    public AuthorizedKeysFile(Path file) {
        this.file = file;
    }

    /** Adds the line unless the key is already present; returns whether the file changed. */
    public boolean add(String line, KeyPair key) throws IOException {
        List<String> lines = read();
        String keyData = keyData(key);
        if (lines.stream().anyMatch(l -> l.contains(keyData))) {
            return false;
        }
        lines.add(line);
        write(lines);
        return true;
    }

    /** Removes the proxy's lines for this key; returns how many were removed. */
    public int remove(KeyPair key) throws IOException {
        List<String> lines = read();
        String keyData = keyData(key);
        List<String> kept = lines.stream().filter(l -> !(l.contains(keyData) && l.endsWith(AuthorizedKeyLine.MARKER))).toList();
        int removed = lines.size() - kept.size();
        if (removed > 0) {
            write(kept);
        }
        return removed;
    }

    private static String keyData(KeyPair key) {
        return SshKeyStore.publicLine(key).split("\\s+")[1];
    }

    private List<String> read() throws IOException {
        return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
    }

    private void write(List<String> lines) throws IOException {
        Set<PosixFilePermission> mode = Files.exists(file) ? Files.getPosixFilePermissions(file) : AtomicFiles.OWNER_ONLY;
        AtomicFiles.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), mode);
    }
}
