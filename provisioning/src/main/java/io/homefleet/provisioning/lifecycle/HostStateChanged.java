package io.homefleet.provisioning.lifecycle;

import io.homefleet.provisioning.host.HostState;
import java.time.Instant;

/**
 * A CDI event fired with every stored transition; observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to see only committed ones (the dashboard's live tiles).
 */
public record HostStateChanged(String hostId, HostState from, HostState to, String cause, String actor, Instant at) {
}
