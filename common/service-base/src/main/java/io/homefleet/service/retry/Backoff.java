package io.homefleet.service.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;

/**
 * How long to wait before retrying a call to another service: exponential with "equal jitter".
 *
 * <p>After the n-th consecutive failure the ceiling is {@code initial × 2^(n-1)}, capped at {@code max}; the wait is
 * uniform in [ceiling/2, ceiling]. Half the ceiling is always waited (a failing peer is not hammered), the other half
 * is random (a fleet that lost the peer together does not return together). A {@code Retry-After} from the peer is
 * a lower bound: the wait is at least that long, but never longer than {@code maxRetryAfter}.
 *
 * <p>Counts failures itself ({@link #nextDelay()}, {@link #reset()}) for loops that keep no count of their own;
 * {@link #delayAfter(int)} serves loops that do.
 */
public final class Backoff {
    /** The longest Retry-After honoured unless a caller says otherwise. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);

    private final long initialMillis;
    private final long maxMillis;
    private final long maxRetryAfterMillis;
    private final LongUnaryOperator random;
    private final AtomicInteger failures = new AtomicInteger();

    private Backoff(Duration initial, Duration max, Duration maxRetryAfter, LongUnaryOperator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < initial <= max, not " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.maxRetryAfterMillis = Math.max(maxRetryAfter.toMillis(), 0);
        this.random = random;
    }

    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, DEFAULT_MAX_RETRY_AFTER, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** The same policy, honouring a peer's Retry-After up to {@code maxRetryAfter}. */
    public Backoff withMaxRetryAfter(Duration maxRetryAfter) {
        return new Backoff(Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), maxRetryAfter, random);
    }

    /** For tests: {@code random.applyAsLong(bound)} must return a value in [0, bound]. */
    Backoff withRandom(LongUnaryOperator random) {
        return new Backoff(Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis),
                Duration.ofMillis(maxRetryAfterMillis), random);
    }

    /** The ceiling after the {@code failures}-th consecutive failure (1 = first): initial doubled per failure, capped. */
    public Duration ceiling(int failures) {
        long ceiling = initialMillis;
        for (int n = 1; n < failures && ceiling < maxMillis; n++) {
            ceiling = ceiling > maxMillis / 2 ? maxMillis : ceiling * 2;
        }
        return Duration.ofMillis(Math.min(ceiling, maxMillis));
    }

    /** The wait after the {@code failures}-th consecutive failure: uniform in [ceiling/2, ceiling]. */
    public Duration delayAfter(int failures) {
        long ceiling = ceiling(failures).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.applyAsLong(ceiling - half));
    }

    /** As {@link #delayAfter(int)}, but at least {@code retryAfter} (itself capped at the maximum Retry-After). */
    public Duration delayAfter(int failures, Duration retryAfter) {
        Duration wait = delayAfter(failures);
        if (retryAfter == null || retryAfter.isNegative()) {
            return wait;
        }
        long floor = Math.min(retryAfter.toMillis(), maxRetryAfterMillis);
        return floor > wait.toMillis() ? Duration.ofMillis(floor) : wait;
    }

    /** Counts one more failure and answers the wait before the next try. */
    public Duration nextDelay() {
        return delayAfter(failures.incrementAndGet());
    }

    public Duration nextDelay(Duration retryAfter) {
        return delayAfter(failures.incrementAndGet(), retryAfter);
    }

    /** Consecutive failures counted since the last {@link #reset()}. */
    public int failures() {
        return failures.get();
    }

    /** After a success: the next failure starts again from {@code initial}. */
    public void reset() {
        failures.set(0);
    }

    @Override
    public String toString() {
        return "exponential backoff from " + initialMillis + " ms to " + maxMillis + " ms, equal jitter";
    }
}
