package io.homefleet.agent.proxmox;

import io.homefleet.agent.config.AgentConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The agent talks to Proxmox through pvesh on the host it runs on. */
@Singleton
public class ProxmoxApiProducer {
    @Produces
    @Singleton
    ProxmoxApi proxmoxApi(AgentConfig config) {
        return new PveshProxmoxApi(config.proxmox().pvesh(), config.proxmox().node());
    }
}
