package io.homefleet.service.hubclient;

import java.time.Duration;

/**
 * What a call to the hub came to, for a loop that decides what to do next: accepted, refused by the hub (with its
 * words; retrying the same call cannot help), or not answered (worth retrying, at least after {@code retryAfter}
 * when the hub named one). {@code status} is the hub's error status, 0 when it accepted, did not answer, or no call
 * was made because the credential could not be read (which is a refusal too: only a new key file helps).
 */
public record HubOutcome(Kind kind, int status, String detail, Duration retryAfter) {
    public enum Kind { ACCEPTED, REJECTED, UNREACHABLE }

    /** One call to the hub, as {@link #of(Call)} runs it. */
    @FunctionalInterface
    public interface Call {
        void run() throws HubException;
    }

    public boolean accepted() {
        return kind == Kind.ACCEPTED;
    }

    public static HubOutcome accepted(String detail) {
        return new HubOutcome(Kind.ACCEPTED, 0, detail, null);
    }

    /** No call reached the hub for a reason of the caller's own (a report that could not be built): retry later. */
    public static HubOutcome unreachable(String detail) {
        return new HubOutcome(Kind.UNREACHABLE, 0, detail, null);
    }

    /** A failure as the outcome it is: retryable ones are UNREACHABLE, the rest REJECTED. */
    public static HubOutcome of(HubException e) {
        if (e.kind() == HubException.Kind.NO_CREDENTIAL) {
            return new HubOutcome(Kind.REJECTED, 0, e.getMessage(), null);
        }
        return new HubOutcome(e.retryable() ? Kind.UNREACHABLE : Kind.REJECTED, e.status(), e.getMessage(),
                e.retryAfter());
    }

    /** Runs {@code call} and answers what it came to. */
    public static HubOutcome of(Call call) {
        try {
            call.run();
            return accepted(null);
        } catch (HubException e) {
            return of(e);
        }
    }
}
