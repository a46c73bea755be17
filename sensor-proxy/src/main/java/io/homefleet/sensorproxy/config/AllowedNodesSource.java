package io.homefleet.sensorproxy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The live allow-list. Without the control plane it is {@code allowed_nodes.yaml}, re-read when the file changes on
 * disk (the CLI or another writer), checked at most once a second; a file that becomes invalid is logged and the
 * last good list stays. Under the control plane the sync alone replaces it ({@link #replace}) and the file is only
 * the sync's own cache, so it is not watched.
 */
public final class AllowedNodesSource implements Supplier<AllowedNodes> {
    private static final Logger LOG = Logger.getLogger(AllowedNodesSource.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;
    private final LoadedConfig loaded;
    private volatile AllowedNodes current;
    private volatile FileTime seen;
    private volatile long checkedAt;

    /** Follows allowed_nodes.yaml (plus {@code allowed_nodes} from the configuration). */
    public AllowedNodesSource(LoadedConfig loaded) {
        this.loaded = loaded;
        this.current = loaded.allowedNodes(loaded.fileNodes());
        this.seen = mtime();
        this.checkedAt = System.nanoTime();
    }

    private AllowedNodesSource(AllowedNodes initial) {
        this.loaded = null;
        this.current = initial;
    }

    /** A list only {@link #replace} changes: the control plane's. */
    public static AllowedNodesSource managed(AllowedNodes initial) {
        return new AllowedNodesSource(initial);
    }

    @Override
    public AllowedNodes get() {
        if (loaded == null) {
            return current;
        }
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

    /** Swaps in a new list at once: readers see either the old list or the new one, never a mix. */
    public void replace(AllowedNodes list) {
        if (loaded != null) {
            throw new IllegalStateException("this allow-list follows allowed_nodes.yaml; the control plane does not manage it");
        }
        current = list;
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
