package io.homefleet.common.contract.v1;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A newly issued credential. The only time the secret is ever shown: the hub keeps just its SHA-256. */
@ContractRecord
@Schema(description = "A newly issued key; `key` is shown once and never again")
public record IssuedKey(
        @Schema(description = "the secret, e.g. hfc_... or hfh_...") String key,
        UUID keyId,
        @Schema(description = "customer key, host key, ...") String kind,
        String customerId,
        String hostId,
        Instant createdAt) {
}
