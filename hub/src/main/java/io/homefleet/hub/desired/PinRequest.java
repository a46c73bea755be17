package io.homefleet.hub.desired;

import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.common.contract.v1.ContractRecord;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** {@code PUT /api/v1/customers/{id}/apps/{app_id}}: which catalog version, with which install settings. */
@ContractRecord
public record PinRequest(
        @NotNull @Pattern(regexp = CatalogApp.VERSION, message = CatalogApp.VERSION_MESSAGE) String version,
        @Size(max = 64) Map<@NotNull String, Object> settings) {
}
