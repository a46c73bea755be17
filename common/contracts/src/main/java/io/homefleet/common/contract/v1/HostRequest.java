package io.homefleet.common.contract.v1;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates or updates a Proxmox host on the hub ({@code POST /api/v1/hosts}, {@code PUT /api/v1/hosts/{id}}). */
@ContractRecord
@Schema(description = "A Proxmox host as the operator (or provisioning) registers it")
public record HostRequest(
        @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
        @NotBlank @Size(max = 253) @Pattern(regexp = Ids.HOST_NAME, message = Ids.HOST_NAME_MESSAGE) String hostname,
        @Size(max = 128) String cluster,
        @Size(max = 32) List<@NotNull @IpAddress String> addresses) {
}
