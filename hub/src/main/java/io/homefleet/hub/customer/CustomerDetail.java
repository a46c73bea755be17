package io.homefleet.hub.customer;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;

/** A customer with its latest full report (as the controller sent it, normalized to the v1 contract). */
@ContractRecord
public record CustomerDetail(
        CustomerSummary customer,
        String notes,
        Instant createdAt,
        Instant updatedAt,
        @JsonRawValue String latestReport) {
}
