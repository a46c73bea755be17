package io.homefleet.sensorproxy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The live allow-list: re-read when {@code allowed_nodes.yaml} changes on disk (the CLI or another writer),
 * checked at most once a second. A file that becomes invalid is logged and the last good list stays.
 */
public final class AllowedNodesSource implements Supplier<AllowedNodes> {
    private static final Logger LOG = Logger.getLogger(AllowedNodesSource.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;
    private final LoadedConfig loaded;
    private volatile AllowedNodes current;
    private volatile FileTime seen;
    private volatile long checkedAt;

    public AllowedNodesSource(LoadedConfig loaded) {
        this.loaded = loaded;
        this.current = loaded.allowedNodes(loaded.fileNodes());
        this.seen = mtime();
        this.checkedAt = System.nanoTime();
    }

    @Override
    public AllowedNodes get() {
        long now = System.nanoTime();
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
            checkedAt = now;
            FileTime m = mtime();
            if (m != null && !m.equals(seen)) {
                reload(m);
            }
        }
        return current;
    }

    /** Re-reads now; used right after this process wrote the file itself. */
    public synchronized void reload(FileTime m) {
        try {
            current = loaded.allowedNodes(loaded.allowedNodesFile().read());
            seen = m != null ? m : mtime();
        } catch (ConfigException | IllegalArgumentException e) {
            LOG.errorf("allowed nodes file is invalid, keeping the previous list: %s", e.getMessage());
        }
    }

    private FileTime mtime() {
        try {
            return Files.getLastModifiedTime(loaded.allowedNodesFile().path());
        } catch (IOException e) {
            return null;
        }
    }
}
