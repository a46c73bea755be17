package io.homefleet.hub.approval;

import io.homefleet.common.contract.v1.ContractRecord;
import io.homefleet.common.contract.v1.PendingOperation;
import java.time.Instant;
import java.util.UUID;

/**
 * A signed approval. {@code approval} (the JWT) is shown only when issued; listings carry the rest, the audit
 * record.
 */
@ContractRecord
public record Approval(UUID jti, String approval, PendingOperation pendingOp, String reason, String approvedBy,
        Instant issuedAt, Instant expiresAt) {

    static Approval of(ApprovalEntity e, String jwt) {
        return new Approval(e.jti, jwt, new PendingOperation(e.op, e.hostScope, e.durableId, e.fstype), e.reason,
                e.approvedBy, e.issuedAt, e.expiresAt);
    }
}
