package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the customer set on the controller's Settings page, sent through the controller's spool to the hub
 * ({@code PUT /api/v1/preferences}, customer key), which stores it as a new revision of the customer's managed config
 * under {@code notifications} (actor: the customer), so the next desired state carries it back unchanged.
 * The whole set is sent each time: the newest one delivered is the customer's choice.
 */
@ContractRecord
@Schema(description = "The customer's notification preferences and language, as changed on its controller")
public record CustomerPreferences(
        @NotNull @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String customerId,
        @NotNull @Pattern(regexp = "^(hu|en)$", message = "must be hu or en") String language,
        @NotNull @Valid Notifications notifications,
        @NotNull Instant changedAt) {

    /** Which notifications the customer wants, and where (no address: the customer's address on the hub). */
    @ContractRecord
    public record Notifications(
            @Email @Size(max = 320) String email,
            @NotNull Boolean backupFailed,
            @NotNull Boolean appDown,
            @NotNull Boolean lowDisk) {
    }
}
