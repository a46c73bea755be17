package io.homefleet.hub.host;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;
import java.util.List;

/** A host as operators see it; {@code latest_report} only on the single-host view. */
@ContractRecord
public record HostView(
        String id,
        String hostname,
        String cluster,
        String node,
        List<String> addresses,
        String agentVersion,
        Instant lastReportAt,
        Instant lastReportSentAt,
        Instant createdAt,
        @JsonRawValue String latestReport) {
}
