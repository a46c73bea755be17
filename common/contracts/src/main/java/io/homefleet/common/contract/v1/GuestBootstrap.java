package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code bootstrap.json}: what the agent hands a freshly provisioned guest (read-only mount, 0600) so its
 * controller comes up configured: who the customer is, how to reach the hub with the customer's own key, and
 * how to reach the host's local API.
 */
@ContractRecord
@Schema(description = "The bootstrap file the agent writes for a new customer guest")
public record GuestBootstrap(
        @NotNull @Schema(description = "format version of this file; 1") Integer version,
        @NotNull @Positive Integer vmid,
        @NotBlank String hostId,
        @NotNull Instant issuedAt,
        @NotNull @Valid Customer customer,
        @NotNull @Valid Hub hub,
        @NotNull @Valid LocalApi localApi) {

    @ContractRecord
    public record Customer(
            @NotNull @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @NotBlank String domain,
            @NotBlank String name) {
    }

    @ContractRecord
    public record Hub(
            @NotBlank String url,
            @NotBlank @Pattern(regexp = "^hfc_.*", message = "must be a customer key (hfc_)")
            @Schema(description = "the customer's hub key (hfc_), never the host's") String customerKey) {
    }

    @ContractRecord
    public record LocalApi(
            @NotBlank @Schema(description = "host:port of the agent's local API") String endpoint,
            @NotBlank @Schema(description = "SHA-256 of the agent's TLS certificate, as AB:CD:... (colon-separated upper-case hex pairs, as openssl prints it)") String fingerprint,
            @NotBlank @Pattern(regexp = "^hfg_.*", message = "must be a guest token (hfg_)") String token) {
    }
}
