package io.homefleet.provisioning.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique hostnames and MACs, so tests sharing one boot and database never collide. */
public final class Names {
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 50_000));

    private Names() {
    }

    public record Machine(String hostname, String mac) {
    }

    public static Machine next(String prefix) {
        int n = NEXT.incrementAndGet();
        return new Machine(prefix + "-" + n, String.format("52:54:00:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff,
                n & 0xff));
    }
}
