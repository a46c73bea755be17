package io.homefleet.common.contract.v1;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of the agent's {@code POST /disks/format}. */
@ContractRecord
@Schema(description = "Format one block device for a guest; data-bearing devices need an operator approval")
public record DiskFormatRequest(
        @NotNull @Positive @Schema(description = "the guest asking; a guest token may only name its own vmid") Integer vmid,
        @NotBlank @Size(max = 255) @Pattern(regexp = "^/dev/[A-Za-z0-9._:/+-]+$", message = "must be a /dev path from GET /disks")
        String device,
        @NotBlank @Pattern(regexp = "^(ext4|xfs)$", message = "must be ext4 or xfs") String fstype,
        @Size(max = 8192) @Schema(description = "operator approval: a JWT signed by the hub binding exactly the pending_op")
        String approval) {
}
