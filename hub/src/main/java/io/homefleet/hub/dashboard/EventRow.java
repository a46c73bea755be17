package io.homefleet.hub.dashboard;

import io.homefleet.hub.event.StoredEvent;
import java.time.Instant;

/** One line of an events timeline. */
public record EventRow(String customerId, String type, String severity, String message, String source, String when,
                       String at) {
    static EventRow of(StoredEvent e, Instant now) {
        return new EventRow(e.customerId(), e.eventType(), e.severity(), e.message(), e.source(),
                Ages.ago(e.receivedAt(), now), Ages.utc(e.receivedAt()));
    }
}
