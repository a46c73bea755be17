package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one customer's controller should run ({@code GET /api/v1/desired-state}, customer key): its config (absent
 * for a report-only customer), the apps it may install, the apps the operator pinned, and the controller version
 * to update to. {@code revision} grows whenever any of it changes; the controller reports the revision it applied
 * ({@link ControllerReport#appliedRevision()}). The answer carries a strong ETag; {@code If-None-Match} → 304.
 */
@ContractRecord
@Schema(description = "A customer's desired state, pulled by its controller")
public record DesiredState(
        @Positive long revision,
        @Schema(description = "controller.yaml as values (secrets in clear: only the customer's own key reads it); "
                + "absent for a report-only customer") Map<@NotNull String, Object> config,
        @NotNull List<@Valid @NotNull CatalogApp> catalog,
        @NotNull List<@Valid @NotNull PinnedApp> apps,
        @NotNull @Valid Controller controller) {

    /** An app the operator wants installed on this customer's guest, at this version, with these settings. */
    @ContractRecord
    public record PinnedApp(
            @NotNull @Pattern(regexp = CatalogApp.ID, message = CatalogApp.ID_MESSAGE) String id,
            @NotNull @Pattern(regexp = CatalogApp.VERSION, message = CatalogApp.VERSION_MESSAGE) String version,
            @Size(max = 64) Map<@NotNull String, Object> settings) {
    }

    /** The controller version to run; absent while no update was triggered. */
    @ContractRecord
    public record Controller(@Size(max = 128) String targetVersion) {
    }
}
