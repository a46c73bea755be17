package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The periodic status report a controller pushes to the hub ({@code POST /api/v1/report}). */
@ContractRecord
@Schema(description = "Periodic status report of one customer's controller")
public record ControllerReport(
        @NotNull @Schema(description = "Client-generated id; a re-sent report with the same id is stored once")
        UUID reportId,
        @NotNull @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String customerId,
        @Size(max = 64) String controllerVersion,
        @NotNull Instant sentAt,
        @NotNull @Valid Health health,
        @Schema(description = "false while the customer paused monitoring; defaults to true") Boolean monitoringEnabled,
        @Valid SystemStats system,
        @Size(max = 256) List<@Valid @NotNull StorageEntry> storage,
        @Size(max = 1024) List<@Valid @NotNull ContainerEntry> containers,
        @Valid Backups backups,
        @Size(max = 2048) String controllerUrl,
        @PositiveOrZero @Schema(description = "revision of the desired state the controller last applied whole")
        Long appliedRevision,
        @Size(max = 4096)
        @Schema(description = "the controller's live config: dotted key → value; secrets as sha256:<hex> "
                + "(SecretDigest), never in clear")
        Map<@NotNull @Size(min = 1, max = 512) String, Object> configValues,
        @Size(max = 512) List<@Valid @NotNull InstalledApp> installedApps) {

    /** Monitoring is on unless the controller says otherwise. */
    public boolean monitoringOn() {
        return monitoringEnabled == null || monitoringEnabled;
    }

    @ContractRecord
    public record Health(
            @NotNull HealthStatus status,
            @Size(max = 64) List<@NotNull @Size(max = 1024) String> reasons) {
    }

    @ContractRecord
    public record SystemStats(
            @Valid Cpu cpu,
            @Valid Capacity memory,
            @Valid Capacity disk,
            @Valid Load load,
            @PositiveOrZero @Schema(description = "seconds since boot") Long uptime) {
    }

    @ContractRecord
    public record Cpu(
            @PositiveOrZero @Schema(description = "busy percentage, 0-100") Double percent,
            @PositiveOrZero Integer cores) {
    }

    /** Bytes. */
    @ContractRecord
    public record Capacity(@PositiveOrZero Long total, @PositiveOrZero Long used) {
        /** used/total in percent, or null when unknown. */
        public Double percent() {
            if (total == null || used == null || total <= 0) {
                return null;
            }
            return Math.round(used * 1000.0 / total) / 10.0;
        }
    }

    @ContractRecord
    public record Load(@PositiveOrZero Double load1, @PositiveOrZero Double load5, @PositiveOrZero Double load15) {
    }

    @ContractRecord
    public record StorageEntry(
            @NotNull @Size(min = 1, max = 4096) String path,
            @PositiveOrZero Long total,
            @PositiveOrZero Long used,
            @Valid Smart smart) {
    }

    @ContractRecord
    public record Smart(
            @Size(max = 64) @Schema(description = "PASSED, FAILED or UNKNOWN as smartctl says") String status,
            Double temperatureC) {
    }

    @ContractRecord
    public record ContainerEntry(
            @NotNull @Size(min = 1, max = 255) String name,
            @Size(max = 1024) String image,
            @Size(max = 64) String state,
            @Size(max = 64) String health) {
    }

    @ContractRecord
    public record Backups(Instant lastBackup, Instant lastDbdump, @Size(max = 64) String status) {
    }

    /** An app the controller runs, at the catalog version it installed. */
    @ContractRecord
    public record InstalledApp(
            @NotNull @Pattern(regexp = CatalogApp.ID, message = CatalogApp.ID_MESSAGE) String id,
            @NotNull @Pattern(regexp = CatalogApp.VERSION, message = CatalogApp.VERSION_MESSAGE) String version) {
    }
}
