package io.homefleet.service.hubclient;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.problem.ProblemType;
import java.time.Duration;

/**
 * A call to the hub that gave no usable answer: which kind of failure, the HTTP status (0 when there was none), the
 * hub's problem+json body and its {@link ProblemType} when it sent one of ours, and its Retry-After. Callers decide
 * on {@link #kind()}, {@link #status()} and {@link #problemType()}, never on the message, which is for people:
 * {@code HTTP <status>: <the hub's detail>} for a refusal, {@code cannot reach the hub at <url>: ...} without one.
 */
public final class HubException extends Exception {
    /** What went wrong; {@code label} is how metrics and status name it. */
    public enum Kind {
        /** No answer: connection refused, timeout, TLS refused. Worth retrying. */
        UNREACHABLE("unreachable"),
        /** The hub answered with an error status (other than 429). 5xx are worth retrying, 4xx are not. */
        REFUSED("refused"),
        /** 429: too many calls; wait at least its Retry-After. */
        RATE_LIMITED("rate_limited"),
        /** A success status with an answer that is not usable (not JSON, not the contract, failing its own checks). */
        REJECTED("rejected"),
        /** The caller's credential could not be read, so no call was made. */
        NO_CREDENTIAL("no_token");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Kind kind;
    private final int status;
    private final transient Problem problem;
    private final Duration retryAfter;

    public HubException(Kind kind, int status, String message, Problem problem, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public HubException(Kind kind, String message) {
        this(kind, 0, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was none. */
    public int status() {
        return status;
    }

    /** The hub's problem+json body, or null when it sent none. */
    public Problem problem() {
        return problem;
    }

    /** The problem's type when it is one of ours, else null. */
    public ProblemType problemType() {
        return problem == null ? null : ProblemType.fromUri(problem.type());
    }

    /** The hub's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True when trying again later may succeed: no answer, 429, or a server-side error. */
    public boolean retryable() {
        return kind == Kind.UNREACHABLE || kind == Kind.RATE_LIMITED || (kind == Kind.REFUSED && status >= 500);
    }
}
