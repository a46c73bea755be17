package io.homefleet.hub.customer;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;
import java.util.UUID;

/** One report in a customer's history, in brief. */
@ContractRecord
public record HistoryPoint(
        UUID reportId,
        Instant sentAt,
        Instant receivedAt,
        String health,
        String controllerVersion,
        Double cpuPercent,
        Double memoryPercent,
        Double diskPercent) {
}
