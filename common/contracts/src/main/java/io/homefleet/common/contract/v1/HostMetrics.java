package io.homefleet.common.contract.v1;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a host agent knows about its host right now ({@code GET /host/metrics} on the agent's local API). */
@ContractRecord
@Schema(description = "Live host metrics from the agent: memory, load, uptime, root disk, storages, temperatures")
public record HostMetrics(
        String hostId,
        Instant takenAt,
        @PositiveOrZero @Schema(description = "bytes") Long memoryTotal,
        @PositiveOrZero @Schema(description = "bytes, excluding page cache and reclaimable memory") Long memoryUsed,
        @PositiveOrZero Double load1,
        @PositiveOrZero Double load5,
        @PositiveOrZero Double load15,
        @PositiveOrZero @Schema(description = "seconds since boot") Long uptime,
        @PositiveOrZero @Schema(description = "bytes") Long rootDiskTotal,
        @PositiveOrZero @Schema(description = "bytes") Long rootDiskUsed,
        @Schema(description = "CPU package (or hottest CPU) temperature in °C; absent when the host exposes none")
        Double cpuTempC,
        List<HostStorage> storages,
        TemperatureSnapshot temperatures,
        @Schema(description = "per-disk drive temperature (SMART attribute as exposed by the kernel)")
        List<TemperatureSnapshot.Disk> diskTemperatures) {
}
