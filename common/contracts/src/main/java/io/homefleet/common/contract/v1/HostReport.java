package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The report a host agent pushes to the hub ({@code POST /api/v1/hosts/{host_id}/report}). */
@ContractRecord
@Schema(description = "Periodic report of one Proxmox host's agent")
public record HostReport(
        @NotNull UUID reportId,
        @NotNull @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String hostId,
        @Size(max = 64) String agentVersion,
        @NotNull Instant sentAt,
        @Size(max = 128) @Schema(description = "The Proxmox cluster the host says it is in; informational only: "
                + "cluster membership is set by the operator") String cluster,
        @Size(max = 253) @Pattern(regexp = Ids.HOST_NAME, message = Ids.HOST_NAME_MESSAGE)
        @Schema(description = "Proxmox node name") String node,
        @Size(max = 32) List<@NotNull @IpAddress String> addresses,
        @Valid Metrics metrics,
        @Size(max = 256) List<@Valid @NotNull Storage> storages,
        @Valid TemperatureSnapshot temperatures,
        @Size(max = 4096) List<@Valid @NotNull Guest> guests) {

    @ContractRecord
    public record Metrics(
            @PositiveOrZero Long memoryTotal,
            @PositiveOrZero Long memoryUsed,
            @PositiveOrZero Double load1,
            @PositiveOrZero Double load5,
            @PositiveOrZero Double load15,
            @PositiveOrZero @Schema(description = "seconds since boot") Long uptime,
            @PositiveOrZero Long rootDiskTotal,
            @PositiveOrZero Long rootDiskUsed,
            Double cpuTempC) {
    }

    @ContractRecord
    public record Storage(
            @NotNull @Size(min = 1, max = 255) String name,
            @Size(max = 64) String type,
            @Size(max = 4096) String path,
            @PositiveOrZero Long total,
            @PositiveOrZero Long used,
            Boolean active,
            Boolean shared) {
    }

    @ContractRecord
    public record Guest(
            @NotNull @PositiveOrZero Integer vmid,
            @Size(max = 255) String name,
            @Size(max = 64) String status,
            @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String customerId) {
    }
}
