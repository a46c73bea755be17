package io.homefleet.common.contract.v1;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of the agent's {@code GET /guests/{vmid}}: each provisioning step and how far it got. */
@ContractRecord
@Schema(description = "Provisioning state of one guest, step by step")
public record GuestProvisioningStatus(
        int vmid,
        String customerId,
        String hostname,
        String archive,
        String storage,
        @Schema(description = "pending, running, done or failed") String state,
        Instant updatedAt,
        List<Step> steps) {

    @ContractRecord
    public record Step(
            @Schema(description = "customer_key, restore, bootstrap, mount, start") String name,
            @Schema(description = "pending, running, done or failed") String state,
            @Schema(description = "what was done, or why it failed") String detail,
            Instant updatedAt) {
    }
}
