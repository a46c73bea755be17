package io.homefleet.agent.storage;

import io.homefleet.agent.cache.RefreshingValue;
import io.homefleet.agent.proxmox.ProxmoxApi;
import io.homefleet.common.contract.v1.HostStorage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The host's Proxmox storages. Asking Proxmox costs a process start, so the answer is kept for a few seconds and
 * refreshed in the background; when Proxmox cannot be asked, the last good answer is served.
 */
@Singleton
public class StorageService {
    private static final Logger LOG = Logger.getLogger(StorageService.class);
    private final RefreshingValue<List<HostStorage>> storages;

    @Inject
    public StorageService(ProxmoxApi proxmox) {
        this.storages = new RefreshingValue<>(() -> {
            try {
                return List.copyOf(proxmox.storages());
            } catch (RuntimeException e) {
                LOG.warnf("cannot list Proxmox storages: %s", e.getMessage());
                throw e;
            }
        }, Duration.ofSeconds(10), "storages");
    }

    /** The storages; throws when Proxmox has never answered. */
    public List<HostStorage> storages() {
        return storages.get();
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
