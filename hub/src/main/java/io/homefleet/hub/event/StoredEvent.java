package io.homefleet.hub.event;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;
import java.util.UUID;

/** An event as the hub keeps it: the v1 event plus when the hub received it. */
@ContractRecord
public record StoredEvent(
        UUID eventId,
        String customerId,
        String eventType,
        String severity,
        String message,
        @JsonRawValue String details,
        String source,
        Instant occurredAt,
        Instant receivedAt) {
}
