package io.homefleet.common.contract.v1;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A host asks the hub for the customer key of a guest it provisions
 * ({@code POST /api/v1/hosts/{host_id}/guests/{vmid}/customer-key}, with its host key); answered with an
 * {@link IssuedKey}. Only for the customer the operator placed on that host and vmid.
 */
@ContractRecord
@Schema(description = "Which customer's key a host wants for the guest it provisions")
public record GuestKeyRequest(
        @NotNull @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String customerId) {
}
