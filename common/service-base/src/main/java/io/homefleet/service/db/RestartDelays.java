package io.homefleet.service.db;

import java.time.Duration;

/**
 * How long to wait before the n-th attempt to start a server that died (n = 1, 2, ...). Kept to this one method
 * so the shared backoff of the retry package can stand behind it.
 */
@FunctionalInterface
public interface RestartDelays {
    Duration before(int attempt);

    /** {@code first}, doubled per attempt up to {@code cap}; no jitter: one supervisor, nobody to spread out. */
    static RestartDelays cappedExponential(Duration first, Duration cap) {
        return attempt -> {
            int doublings = Math.min(Math.max(0, attempt - 1), 30);
            long millis = first.toMillis() << doublings;
            return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
        };
    }
}
