package io.homefleet.common.contract.v1;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A destructive host operation waiting for an operator's signature; the approval JWT must bind these claims. */
@ContractRecord
@Schema(description = "The operation an operator approval must name, claim for claim")
public record PendingOperation(
        @Schema(description = "storage_wipe") String op,
        @Schema(description = "the host id the operation is bound to") String hostScope,
        String durableId,
        String fstype) {

    public static final String STORAGE_WIPE = "storage_wipe";
}
