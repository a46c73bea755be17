package io.homefleet.common.contract.v1;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The sensor proxy's state: socket {@code get_status} (with the caller's identity) and HTTPS {@code GET /health}. */
@ContractRecord
@Schema(description = "Sensor proxy status")
public record SensorProxyStatus(
        String status,
        String version,
        @Schema(description = "this host's node name") String node,
        Instant startedAt,
        long uptimeSeconds,
        @Schema(description = "this host plus the allowed nodes a sweep reads") int nodeCount,
        @Schema(description = "when a node last answered; absent before the first reading") Instant lastSync,
        boolean httpEnabled,
        @Schema(description = "where the allowed-node list comes from and how its sync goes") Allowlist allowlist,
        @Schema(description = "socket only: who is asking and what it may do") Peer peer) {

    public SensorProxyStatus withPeer(Peer caller) {
        return new SensorProxyStatus(status, version, node, startedAt, uptimeSeconds, nodeCount, lastSync, httpEnabled,
                allowlist, caller);
    }

    @ContractRecord
    public record Peer(String identity, List<String> capabilities) {
    }

    /**
     * The allowed-node list in force. {@code source} is {@code control_plane} once a list came from the hub in this
     * run, {@code file} when it is allowed_nodes.yaml (the legacy list, or the hub's last list cached there).
     */
    @ContractRecord
    @Schema(description = "The allowed-node list: its source, hash and the control-plane sync's state")
    public record Allowlist(
            @Schema(description = "control_plane or file") String source,
            @Schema(description = "true when the hub decides the list (control_plane configured, legacy_allowlist off)")
            boolean syncEnabled,
            @Schema(description = "the hub's URL when sync is enabled") String controlPlaneUrl,
            @Schema(description = "sha256:... of the list in force (absent for a legacy list)") String hash,
            @Schema(description = "nodes in the list in force (a sweep reads each once)") int nodeCount,
            @Schema(description = "when the hub's list last changed, as the hub says") Instant updatedAt,
            @Schema(description = "last sync that reached the hub and was accepted (200 or 304)") Instant lastSuccessfulSync,
            Instant lastAttempt,
            @Schema(description = "the last failed sync's reason; absent once a sync succeeds") String lastError,
            @Schema(description = "failed syncs since the last success") int consecutiveFailures,
            @Schema(description = "when the next sync is due") Instant nextSync) {
    }
}
