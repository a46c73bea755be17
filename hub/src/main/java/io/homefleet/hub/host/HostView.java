package io.homefleet.hub.host;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.homefleet.common.contract.v1.ContractRecord;
import io.homefleet.hub.tempproxy.TemperatureProxyStatus;
import java.time.Instant;
import java.util.List;

/**
 * A host as operators see it, with its sensor proxy's registration and sync state; {@code latest_report} only on
 * the single-host view.
 */
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
        TemperatureProxyStatus temperatureProxy,
        @JsonRawValue String latestReport) {
}
