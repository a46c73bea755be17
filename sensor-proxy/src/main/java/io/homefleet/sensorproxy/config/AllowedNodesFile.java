package io.homefleet.sensorproxy.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code allowed_nodes.yaml} ({@code allowed_nodes: [..]}): read by the daemon, changed by the CLI and the
 * {@code register_nodes} method, or — under the control plane — written by the sync, which adds a
 * {@code control_plane:} block holding the hub's list with its hash ({@link ControlPlaneSnapshot}). Changes hold an exclusive lock on {@code <file>.lock} (a lock between
 * processes, plus a JVM lock because the OS lock is per process), re-read under the lock, then write
 * atomically, so concurrent writers never lose each other's entries or leave a torn file.
 */
public final class AllowedNodesFile {
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = Json.mapper();
    private static final String SNAPSHOT_KEY = "control_plane";
    private final Path file;

    public AllowedNodesFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path path() {
        return file;
    }

    /** The entries in the file; an absent file is an empty list. */
    public List<String> read() throws ConfigException {
        return parse(load());
    }

    /**
     * The hub's cached list, when the file holds one. Absent for a hand-kept file; a block that does not parse
     * or whose nodes no longer match its hash is an error (the caller falls back to {@code allowed_nodes}).
     */
    public Optional<ControlPlaneSnapshot> readSnapshot() throws ConfigException {
        Object root = load();
        if (!(root instanceof Map<?, ?> map) || map.get(SNAPSHOT_KEY) == null) {
            return Optional.empty();
        }
        ControlPlaneSnapshot snapshot;
        try {
            snapshot = JSON.convertValue(map.get(SNAPSHOT_KEY), ControlPlaneSnapshot.class);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": control_plane: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!snapshot.intact()) {
            throw new ConfigException(file + ": control_plane: the cached nodes do not match their hash "
                    + snapshot.hash() + " (edited by hand?)");
        }
        return Optional.of(snapshot);
    }

    /** Writes the hub's list: its node names as {@code allowed_nodes} (for readers of the plain format) plus the block. */
    public void writeSnapshot(ControlPlaneSnapshot snapshot) throws IOException {
        List<String> names = AllowedNodes.fromAuthorized(snapshot.nodes()).sweepTargets();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("allowed_nodes", names);
        root.put(SNAPSHOT_KEY, JSON.convertValue(snapshot, new TypeReference<Map<String, Object>>() { }));
        String text = "# Written by the sensor proxy's control-plane sync from " + snapshot.url()
                + "; the hub decides this list.\n# Edits are overwritten at the next change; see docs/sensor-proxy.md.\n"
                + YamlFiles.dumpBlock(root);
        try {
            withLock(() -> {
                AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
                return null;
            });
        } catch (ConfigException e) {
            throw new IOException(String.join("; ", e.problems()), e);
        }
    }

    private Object load() throws ConfigException {
        return YamlFiles.load(YamlFiles.text(file), file);
    }

    private List<String> parse(Object root) throws ConfigException {
        if (root == null) {
            return List.of();
        }
        Object list = root instanceof Map<?, ?> map ? map.get("allowed_nodes") : root;
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            throw new ConfigException(file + ": allowed_nodes must be a list");
        }
        List<String> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Object item : items) {
            try {
                entries.add(NodeNames.normalizeEntry(String.valueOf(item)));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": allowed_nodes entry: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return List.copyOf(new LinkedHashSet<>(entries));
    }

    /**
     * Adds (or with {@code replace}, sets) entries. Every entry is validated first: one bad entry changes
     * nothing. Returns the list as written.
     */
    public List<String> update(List<String> additions, boolean replace) throws ConfigException, IOException {
        List<String> normalized = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String a : additions) {
            try {
                normalized.add(NodeNames.normalizeEntry(a));
            } catch (IllegalArgumentException e) {
                problems.add("'" + NodeNames.printable(a) + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return withLock(() -> {
            LinkedHashSet<String> merged = new LinkedHashSet<>(replace ? List.of() : read());
            merged.addAll(normalized);
            List<String> result = List.copyOf(merged);
            AtomicFiles.write(file, render(result).getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
            return result;
        });
    }

    private interface LockedChange<T> {
        T run() throws ConfigException, IOException;
    }

    private <T> T withLock(LockedChange<T> change) throws ConfigException, IOException {
        Files.createDirectories(file.getParent());
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockChannel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            return change.run();
        } finally {
            jvmLock.unlock();
        }
    }

    static String render(List<String> entries) {
        return "# Managed by `sensor-proxy config set-allowed-nodes`; edits by hand may be overwritten.\n"
                + YamlFiles.dumpBlock(Map.of("allowed_nodes", entries));
    }
}
