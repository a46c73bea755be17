package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of the agent's {@code POST /guests}: provision one customer guest from a golden archive. */
@ContractRecord
@Schema(description = "Provision a customer guest (unprivileged LXC) from a golden archive")
public record GuestProvisionRequest(
        @NotNull @Min(100) @Max(999999999) Integer vmid,
        @NotBlank @Size(max = 512)
        @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9._/+-]+$", message = "must be a Proxmox volume id, e.g. local:backup/vzdump-lxc-9100.tar.zst")
        @Schema(description = "Proxmox volume id of the golden archive") String archive,
        @NotNull @Valid Customer customer,
        @NotBlank @Size(max = 63) @Pattern(regexp = Ids.SLUG, message = "must be a DNS label: " + Ids.SLUG_MESSAGE)
        String hostname,
        @Size(max = 64) @Pattern(regexp = "^[A-Za-z][A-Za-z0-9._-]*$", message = "must be a Proxmox storage id")
        @Schema(description = "target storage; defaults to the agent's backup.restore_storage") String storage) {

    @ContractRecord
    public record Customer(
            @NotNull @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @NotBlank @Size(max = 253) @Pattern(regexp = "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$", message = "must be a domain name")
            String domain,
            @NotBlank @Size(max = 200) String name) {
    }
}
