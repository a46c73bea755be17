package io.homefleet.hub.customer;

/** What the operator sees per customer. */
public enum CustomerStatus {
    /** Reported less than stale-after ago and says it is healthy. */
    OK,
    /** Between stale-after and down-after since the last report, or the controller says warn. */
    WARN,
    /** Silent for longer than down-after, or the controller says fail. */
    DOWN,
    /** The customer paused monitoring. */
    DISABLED,
    /** Exists but never reported. */
    PENDING,
    /** Blocked by the operator: reports are still stored, nothing alerts. */
    BLOCKED
}
