package io.homefleet.common.contract.v1;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One Proxmox storage of a host as the agent reports it ({@code GET /storage}, {@code GET /host/metrics}). */
@ContractRecord
@Schema(description = "A Proxmox storage on the host, with its capacity and, for directory storages, its path")
public record HostStorage(
        String name,
        @Schema(description = "Proxmox storage type: dir, lvmthin, zfspool, nfs, ...") String type,
        @Schema(description = "host path for directory-backed storages; absent for block storages") String path,
        List<String> content,
        @Schema(description = "bytes") Long total,
        @Schema(description = "bytes") Long used,
        @Schema(description = "bytes") Long avail,
        Boolean active,
        Boolean enabled,
        Boolean shared) {
}
