package io.homefleet.service.audit;

/**
 * When an audit line must be on disk. Every line is written to the file before {@link AuditLog#record} returns,
 * so a crash of the process loses nothing; this decides what a power loss may lose.
 */
public enum Durability {
    /**
     * Forced to disk before {@code record} returns. For every record that changes state or refuses something:
     * disk wipes, key rotations, allow-list changes, authorization refusals, malformed-request penalties.
     */
    FORCED,
    /**
     * Forced to disk by the log within {@link AuditLog#DEFERRED_FORCE_BOUND} (by a background flush, or earlier
     * by the next forced record). For routine successful reads, where one fsync per request would cost more
     * than the request itself; a power loss loses at most that window of them and never breaks the chain.
     */
    WITHIN_1S
}
