package io.homefleet.sensorproxy.controlplane;

import java.time.Duration;

/** A control-plane call that did not give a usable answer, and which kind of failure it was. */
public final class HubException extends Exception {
    /** What went wrong, as the sync's metrics and status name it. */
    public enum Kind {
        /** No answer: connection refused, timeout, TLS failure. */
        UNREACHABLE("unreachable"),
        /** The hub answered with an error status. */
        REFUSED("refused"),
        /** 429: too many pulls. */
        RATE_LIMITED("rate_limited"),
        /** An answer that is not a valid list (garbage, empty, hash mismatch): never applied. */
        REJECTED("rejected"),
        /** The token file could not be read. */
        NO_TOKEN("no_token");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public HubException(Kind kind, int status, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public HubException(Kind kind, String message) {
        this(kind, 0, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was none. */
    public int status() {
        return status;
    }

    /** The hub's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
