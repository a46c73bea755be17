package io.homefleet.agent.cache;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A value that is slow to fetch (a pvesh process, a socket round trip) kept for callers that must answer fast.
 * Only the very first caller waits; afterwards a stale value is served while one background refresh runs, so a
 * slow source never stalls every caller at once. A failure is kept like a value (for the same time) so an absent
 * source is not retried on every call; a failed refresh keeps the last good value.
 */
public final class RefreshingValue<T> {
    private final Supplier<T> source;
    private final long maxAgeNanos;
    private final Executor refresher;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile T value;
    private volatile RuntimeException failure;
    private volatile long fetchedAt;
    private volatile boolean fetched;

    public RefreshingValue(Supplier<T> source, Duration maxAge, Executor refresher) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
        this.refresher = refresher;
    }

    /** With a daemon thread of its own for refreshes (named after what it refreshes). */
    public RefreshingValue(Supplier<T> source, Duration maxAge, String name) {
        this(source, maxAge, java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "refresh-" + name);
            t.setDaemon(true);
            return t;
        }));
    }

    public T get() {
        if (!fetched) {
            synchronized (this) {
                if (!fetched) {
                    fetch();
                }
            }
        } else if (System.nanoTime() - fetchedAt >= maxAgeNanos && refreshing.compareAndSet(false, true)) {
            refresher.execute(() -> {
                try {
                    fetch();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        T current = value;
        if (current == null && failure != null) {
            throw failure;
        }
        return current;
    }

    private void fetch() {
        try {
            value = source.get();
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        }
        fetchedAt = System.nanoTime();
        fetched = true;
    }
}
