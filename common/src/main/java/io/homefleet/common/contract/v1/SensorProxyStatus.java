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
        @Schema(description = "socket only: who is asking and what it may do") Peer peer) {

    public SensorProxyStatus withPeer(Peer caller) {
        return new SensorProxyStatus(status, version, node, startedAt, uptimeSeconds, nodeCount, lastSync, httpEnabled, caller);
    }

    @ContractRecord
    public record Peer(String identity, List<String> capabilities) {
    }
}
