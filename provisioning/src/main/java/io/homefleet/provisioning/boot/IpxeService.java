package io.homefleet.provisioning.boot;

import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.config.ProvisioningFile;
import io.homefleet.provisioning.discovery.DiscoveryService;
import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostState;
import io.homefleet.provisioning.lifecycle.Lifecycle;
import io.homefleet.provisioning.lifecycle.Trigger;
import io.homefleet.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Decides what a PXE-booting machine runs: the installer only for a host whose rebuild was requested (and that has
 * not fetched its answer yet), the local disk for everything else, so nothing reinstalls by accident. Unknown MACs
 * are recorded as discovered.
 */
@ApplicationScoped
public class IpxeService {
    private static final Logger LOG = Logger.getLogger(IpxeService.class);

    @Inject
    Lifecycle lifecycle;

    @Inject
    DiscoveryService discovery;

    @Inject
    ProvisioningConfig config;

    public String scriptFor(String mac, String remoteAddress) {
        HostEntity host = HostEntity.byMac(mac);
        if (host == null) {
            discovery.seen(mac, remoteAddress);
            LOG.infof("PXE boot of unknown MAC %s from %s: recorded as discovered, booting locally", mac, remoteAddress);
            return IpxeScripts.localBoot("this machine (" + mac + ") is not registered");
        }
        if (host.state == HostState.PXE_READY || host.state == HostState.PXE_BOOTED) {
            try {
                lifecycle.fire(host.id, Trigger.PXE_BOOT, "iPXE fetched the installer", "pxe:" + remoteAddress, null);
            } catch (ProblemException raced) {
                // The state changed since we read it (an answer arrived, the operator acted): boot what it is now.
                return scriptFor(mac, remoteAddress);
            }
            ProvisioningFile.Pxe pxe = config.current().file().pxe();
            return IpxeScripts.installer(host.id, mac, config.current().file().server().publicUrl() + "/ipxe/files",
                    pxe.isoFile());
        }
        String reason = switch (host.state) {
            case READY -> host.id + " is installed and ready";
            case REGISTERED -> host.id + " has no rebuild requested";
            case FAILED -> host.id + " failed; retry or rebuild it first";
            default -> host.id + " is " + host.state.label();
        };
        return IpxeScripts.localBoot(reason);
    }
}
