package io.homefleet.common.contract.v1;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /disks/format}: what was done, or why not and what an operator must sign. */
@ContractRecord
@Schema(description = "Result of a format request: formatted, or refused with the reason and the operation to approve")
public record DiskFormatResult(
        boolean formatted,
        boolean dataBearing,
        String device,
        String durableId,
        String fstype,
        String reason,
        PendingOperation pendingOp,
        String error,
        @Schema(description = "true when the refusal can be overcome with an operator approval") Boolean approvable) {
}
