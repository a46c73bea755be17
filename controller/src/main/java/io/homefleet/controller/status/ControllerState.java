package io.homefleet.controller.status;

import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.contract.v1.HostStorage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the controller knows right now, for its pages and its JSON API. Implemented by the controller core. */
public interface ControllerState {

    /** False in setup mode (no controller.yaml and no bootstrap). */
    boolean configured();

    /** The customer this controller serves; empty in setup mode. */
    Optional<Identity> identity();

    HubLink hubLink();

    AgentLink agentLink();

    /** The latest report built for the hub (guest system, containers, backups, health); empty before the first. */
    Optional<ControllerReport> latestReport();

    /** From the agent's local API; empty when the agent has not answered yet. */
    Optional<HostMetrics> hostMetrics();

    Optional<DiskInventory> disks();

    /** Every storage of the host, from the agent's {@code /storage} (the seed's 3.2); empty before it answered. */
    List<HostStorage> storages();

    /**
     * The storage apps and backups use by default: the directory-backed one with the most free space; empty when
     * the host has none.
     */
    Optional<HostStorage> preferredStorage();

    record Identity(String customerId, String name, String domain) {
    }

    /** lastSuccessfulReport and lastHubError are null when there is none. */
    record HubLink(String hubUrl, Instant lastSuccessfulReport, int spoolDepth, String lastHubError) {
    }

    /** state: "ok", "unauthorized", "unreachable", "unconfigured", "checking"; message in English for logs. */
    record AgentLink(String state, String message, Instant checkedAt) {
    }
}
