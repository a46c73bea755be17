package io.homefleet.common.contract.v1;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One node a sensor proxy may read: its Proxmox node name and one of its addresses (absent when none is known). */
@ContractRecord
@Schema(description = "A cluster node a sensor proxy may read")
public record AuthorizedNode(@NotBlank String name, String ip) {

    /** The node's line in the list hash: {@code name|ip} ({@code name|} without an address). */
    public String line() {
        return name + "|" + (ip == null ? "" : ip);
    }
}
