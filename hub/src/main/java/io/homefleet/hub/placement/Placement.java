package io.homefleet.hub.placement;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;

/** A customer's placement as the API shows it. */
@ContractRecord
public record Placement(String customerId, String hostId, int vmid, String placedBy, Instant placedAt) {
    static Placement of(PlacementEntity p) {
        return new Placement(p.customerId, p.hostId, p.vmid, p.placedBy, p.placedAt);
    }
}
