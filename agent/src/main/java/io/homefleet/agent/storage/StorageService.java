package io.homefleet.agent.storage;

import io.homefleet.agent.proxmox.ProxmoxApi;
import io.homefleet.common.contract.v1.HostStorage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The host's Proxmox storages. Asking Proxmox costs a process start, so the answer is kept for a few seconds; when
 * Proxmox cannot be asked, the last good answer is served.
 */
@Singleton
public class StorageService {
    private static final Logger LOG = Logger.getLogger(StorageService.class);
    private static final long MAX_AGE_NANOS = Duration.ofSeconds(10).toNanos();
    private final ProxmoxApi proxmox;
    private volatile List<HostStorage> cached;
    private volatile long cachedAt;

    @Inject
    public StorageService(ProxmoxApi proxmox) {
        this.proxmox = proxmox;
    }

    public List<HostStorage> storages() {
        List<HostStorage> current = cached;
        if (current != null && System.nanoTime() - cachedAt < MAX_AGE_NANOS) {
            return current;
        }
        synchronized (this) {
            if (cached != null && System.nanoTime() - cachedAt < MAX_AGE_NANOS) {
                return cached;
            }
            try {
                cached = List.copyOf(proxmox.storages());
            } catch (RuntimeException e) {
                LOG.warnf("cannot list Proxmox storages: %s", e.getMessage());
                if (cached == null) {
                    throw e;
                }
            }
            cachedAt = System.nanoTime();
            return cached;
        }
    }

    /** Like {@link #storages()} but never fails: an empty list when Proxmox has never answered. */
    public List<HostStorage> storagesOrEmpty() {
        try {
            return storages();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
