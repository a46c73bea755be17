package io.homefleet.hub.customer;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;

/** One row of the fleet list: who, how they are, and what their last report said in brief. */
@ContractRecord
public record CustomerSummary(
        String id,
        String name,
        String email,
        String domain,
        CustomerStatus status,
        boolean blocked,
        boolean monitoringEnabled,
        Instant lastReportAt,
        Instant lastReportSentAt,
        String health,
        String controllerVersion,
        String controllerUrl,
        Double cpuPercent,
        Double memoryPercent,
        Double diskPercent,
        @com.fasterxml.jackson.annotation.JsonProperty("errors_24h") long errors24h,
        @com.fasterxml.jackson.annotation.JsonProperty("warnings_24h") long warnings24h) {
}
