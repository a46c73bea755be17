package io.homefleet.hub.customerconfig;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;

/** One revision of a customer's config (secrets as digests): who changed it, when, and how. */
@ContractRecord
public record ConfigRevisionView(long revision, String customerId, String changedBy, Instant changedAt,
        String source, CustomerConfigDocument config) {
}
