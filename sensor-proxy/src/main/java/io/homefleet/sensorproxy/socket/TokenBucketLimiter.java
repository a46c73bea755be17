package io.homefleet.sensorproxy.socket;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per peer: one token every {@code intervalMs}, at most {@code burst} saved up. The default
 * (1 per second, burst 5) lets a poller sweep a small cluster at once and still throttles a runaway caller.
 */
public final class TokenBucketLimiter {
    private static final int MAX_TRACKED = 10_000;
    private final long intervalNanos;
    private final int burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketLimiter(long intervalMs, int burst, LongSupplier nanoClock) {
        this.intervalNanos = intervalMs * 1_000_000L;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes a token: 0 when allowed, otherwise the milliseconds until the next token. */
    public long tryAcquire(String key) {
        if (buckets.size() > MAX_TRACKED) {
            long now = nanoClock.getAsLong();
            buckets.values().removeIf(b -> b.isFull(now)); // full buckets hold no state worth keeping
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(nanoClock.getAsLong()));
        return bucket.take(nanoClock.getAsLong());
    }

    private final class Bucket {
        private double tokens = burst;
        private long last;

        Bucket(long now) {
            this.last = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1.0 - tokens) * intervalNanos / 1_000_000.0));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (double) (now - last) / intervalNanos);
            last = now;
        }
    }
}
