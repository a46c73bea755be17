package io.homefleet.agent.hub;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again after failures: exponential from {@code base}, capped at {@code cap}, with full jitter so a
 * fleet of agents that lost the hub together does not return together.
 */
public final class ReportBackoff {
    private final Duration base;
    private final Duration cap;

    public ReportBackoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    /** The pause after the {@code failures}-th consecutive failure (1 = first). */
    public Duration after(int failures) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, Math.max(0, failures - 1)));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
