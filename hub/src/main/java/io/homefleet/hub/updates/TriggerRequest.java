package io.homefleet.hub.updates;

import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.common.contract.v1.ContractRecord;
import io.homefleet.common.contract.v1.Ids;
import jakarta.validation.constraints.Pattern;

/** "Trigger update": one customer ({@code customer_id}) or every one ({@code all}); the newest version by default. */
@ContractRecord
public record TriggerRequest(
        @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String customerId,
        Boolean all,
        @Pattern(regexp = CatalogApp.VERSION, message = CatalogApp.VERSION_MESSAGE) String version) {
}
