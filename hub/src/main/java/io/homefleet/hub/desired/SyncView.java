package io.homefleet.hub.desired;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;
import java.util.List;

/**
 * Whether a customer's controller runs its desired state (docs/hub.md, "Sync states"): {@code in_sync} (every
 * managed value, pinned app and the target version as desired), {@code pending} (something differs and the
 * controller has not yet applied the current revision) or {@code drifted} (it applied the current revision, yet
 * something differs).
 */
@ContractRecord
public record SyncView(
        String customerId,
        String state,
        boolean managed,
        long desiredRevision,
        Long appliedRevision,
        Instant reportedAt,
        List<ValueDiff.KeyDiff> keys,
        List<AppSync> apps,
        ControllerSync controller) {

    @ContractRecord
    public record AppSync(String id, String desiredVersion, String installedVersion, boolean inSync) {
    }

    @ContractRecord
    public record ControllerSync(String running, String target, boolean inSync) {
    }
}
