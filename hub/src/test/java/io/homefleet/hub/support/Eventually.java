package io.homefleet.hub.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the hub does asynchronously (a notification, a flush) without sleeping a fixed time. */
public final class Eventually {
    private Eventually() {
    }

    /** Checks the condition every {@code every} until it holds (true) or {@code time} is up (false). */
    public static boolean within(Duration time, Duration every, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
    }
}
