package io.homefleet.hub.customer;

import io.homefleet.common.contract.v1.HealthStatus;
import io.homefleet.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * The one place that decides a customer's status and staleness from the configured thresholds; the list,
 * the detail page and the dead man's switch all ask it.
 */
@ApplicationScoped
public class StatusPolicy {

    /** How stale a customer's last report is, for the dead man's switch. */
    public enum Staleness {
        FRESH, STALE, DOWN
    }

    private final Duration staleAfter;
    private final Duration downAfter;

    @Inject
    public StatusPolicy(HubConfig config) {
        this(config.status().staleAfter(), config.status().downAfter());
    }

    public StatusPolicy(Duration staleAfter, Duration downAfter) {
        if (downAfter.compareTo(staleAfter) <= 0) {
            throw new IllegalArgumentException("homefleet.hub.status.down-after (" + downAfter
                    + ") must be longer than stale-after (" + staleAfter + ")");
        }
        this.staleAfter = staleAfter;
        this.downAfter = downAfter;
    }

    public CustomerStatus status(boolean blocked, boolean monitoringEnabled, Instant lastSeenAt,
            HealthStatus health, Instant now) {
        if (blocked) {
            return CustomerStatus.BLOCKED;
        }
        if (lastSeenAt == null) {
            return CustomerStatus.PENDING;
        }
        if (!monitoringEnabled) {
            return CustomerStatus.DISABLED;
        }
        Staleness staleness = staleness(lastSeenAt, now);
        if (staleness == Staleness.DOWN || health == HealthStatus.FAIL) {
            return CustomerStatus.DOWN;
        }
        if (staleness == Staleness.STALE || health == HealthStatus.WARN) {
            return CustomerStatus.WARN;
        }
        return CustomerStatus.OK;
    }

    /** Fresh below stale-after; stale from stale-after up to and including down-after; down beyond. */
    public Staleness staleness(Instant lastSeenAt, Instant now) {
        Duration age = Duration.between(lastSeenAt, now);
        if (age.compareTo(downAfter) > 0) {
            return Staleness.DOWN;
        }
        return age.compareTo(staleAfter) >= 0 ? Staleness.STALE : Staleness.FRESH;
    }

    /** Reports received at or after this instant are fresh. */
    public Instant freshSince(Instant now) {
        return now.minus(staleAfter);
    }

    /** Reports received before this instant (strictly) mean the customer is down. */
    public Instant downBefore(Instant now) {
        return now.minus(downAfter);
    }
}
