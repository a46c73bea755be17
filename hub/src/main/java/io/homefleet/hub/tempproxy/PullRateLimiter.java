package io.homefleet.hub.tempproxy;

import io.homefleet.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-proxy token bucket for authorized-nodes pulls: {@code rate-limit-per-minute} pulls at once, refilled
 * evenly over a minute. Kept in memory on each replica (a proxy behind a load balancer may get up to that many
 * per replica); the map holds one small entry per proxy that pulled, keyed by host id.
 */
@ApplicationScoped
public class PullRateLimiter {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    LongSupplier clock = System::nanoTime;

    @Inject
    HubConfig config;

    /** 0 when the pull may go ahead; otherwise the whole seconds until it may (at least 1). */
    public long acquire(String proxy) {
        int perMinute = Math.max(1, config.temperatureProxy().rateLimitPerMinute());
        if (buckets.size() >= MAX_ENTRIES && !buckets.containsKey(proxy)) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(proxy, k -> new Bucket(perMinute, clock.getAsLong()));
        synchronized (bucket) {
            long now = clock.getAsLong();
            double perNano = perMinute / (double) MINUTE_NANOS;
            bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perNano);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - bucket.tokens) / perNano;
            return Math.max(1, (long) Math.ceil(waitNanos / 1_000_000_000d));
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
