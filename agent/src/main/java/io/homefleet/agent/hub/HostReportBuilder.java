package io.homefleet.agent.hub;

import io.homefleet.agent.guest.ProvisioningJournal;
import io.homefleet.agent.host.HostMetricsService;
import io.homefleet.agent.proxmox.ProxmoxApi;
import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.contract.v1.HostReport;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Assembles a host report from what the agent knows now: metrics, storages, temperatures, guests. */
public class HostReportBuilder {
    private final String hostId;
    private final String node;
    private final String agentVersion;
    private final HostMetricsService metrics;
    private final ProxmoxApi proxmox;
    private final ProvisioningJournal journal;

    public HostReportBuilder(String hostId, String node, String agentVersion, HostMetricsService metrics,
                             ProxmoxApi proxmox, ProvisioningJournal journal) {
        this.hostId = hostId;
        this.node = node;
        this.agentVersion = agentVersion;
        this.metrics = metrics;
        this.proxmox = proxmox;
        this.journal = journal;
    }

    public HostReport build() {
        HostMetrics m = metrics.current();
        List<HostReport.Storage> storages = m.storages().stream()
                .map(s -> new HostReport.Storage(s.name(), s.type(), s.path(), s.total(), s.used(), s.active(), s.shared()))
                .toList();
        return new HostReport(UUID.randomUUID(), hostId, agentVersion, Instant.now(), null, node, addresses(),
                new HostReport.Metrics(m.memoryTotal(), m.memoryUsed(), m.load1(), m.load5(), m.load15(), m.uptime(),
                        m.rootDiskTotal(), m.rootDiskUsed(), m.cpuTempC()),
                storages, m.temperatures(), guests());
    }

    private List<HostReport.Guest> guests() {
        Map<Integer, String> customers = new HashMap<>();
        journal.all().forEach(e -> customers.put(e.status().vmid(), e.status().customerId()));
        try {
            return proxmox.containers().stream()
                    .map(c -> new HostReport.Guest(c.vmid(), c.name(), c.status(), customers.get(c.vmid())))
                    .toList();
        } catch (RuntimeException e) {
            // Proxmox unavailable: report what provisioning knows rather than nothing.
            return customers.entrySet().stream()
                    .map(c -> new HostReport.Guest(c.getKey(), null, null, c.getValue())).toList();
        }
    }

    private static List<String> addresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        out.add(address.getHostAddress().replaceFirst("%.*$", ""));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return out.stream().limit(32).toList();
    }
}
