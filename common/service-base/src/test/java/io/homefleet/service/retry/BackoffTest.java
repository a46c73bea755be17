package io.homefleet.service.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(60));

    @Test
    void theCeilingDoublesPerFailureUpToTheCap() {
        long[] expected = {2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
        for (int failures = 1; failures <= expected.length; failures++) {
            assertEquals(expected[failures - 1], backoff.ceiling(failures).toMillis(), failures + " failures");
        }
        assertEquals(60_000, backoff.ceiling(1_000_000).toMillis(), "no overflow after very many failures");
        assertEquals(2_000, backoff.ceiling(0).toMillis(), "zero failures is treated as the first");
    }

    @Test
    void everyWaitLiesBetweenHalfAndAllOfTheCeiling() {
        for (int failures = 1; failures <= 40; failures++) {
            long ceiling = backoff.ceiling(failures).toMillis();
            for (int i = 0; i < 2_000; i++) {
                long wait = backoff.delayAfter(failures).toMillis();
                assertTrue(wait >= ceiling / 2 && wait <= ceiling,
                        failures + " failures: " + wait + " ms not in [" + ceiling / 2 + ", " + ceiling + "]");
            }
        }
    }

    @Test
    void theBoundsAreReachedAndTheSpreadIsWide() {
        assertEquals(30_000, backoff.withRandom(bound -> 0).delayAfter(6).toMillis(), "the lowest is half the ceiling");
        assertEquals(60_000, backoff.withRandom(bound -> bound).delayAfter(6).toMillis(), "the highest is the ceiling");
        Set<Long> seen = new HashSet<>();
        long sum = 0;
        int samples = 10_000;
        for (int i = 0; i < samples; i++) {
            long wait = backoff.delayAfter(6).toMillis();
            seen.add(wait);
            sum += wait;
        }
        assertTrue(seen.size() > 5_000, "jittered, so a fleet does not retry in step: " + seen.size() + " distinct");
        double mean = (double) sum / samples;
        assertTrue(mean > 43_500 && mean < 46_500, "uniform over [30 s, 60 s]: mean " + mean);
    }

    @Test
    void retryAfterIsALowerBoundAndIsCapped() {
        assertEquals(Duration.ofSeconds(45), backoff.withRandom(b -> 0).delayAfter(1, Duration.ofSeconds(45)));
        Duration small = backoff.withRandom(b -> b).delayAfter(6, Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(60), small, "a shorter Retry-After does not shorten the backoff");
        assertEquals(Backoff.DEFAULT_MAX_RETRY_AFTER, backoff.delayAfter(1, Duration.ofDays(7)), "capped");
        assertEquals(Duration.ofMinutes(5),
                backoff.withMaxRetryAfter(Duration.ofMinutes(5)).delayAfter(1, Duration.ofHours(2)));
        long plain = backoff.delayAfter(3, null).toMillis();
        assertTrue(plain >= 4_000 && plain <= 8_000, "no Retry-After: the plain backoff");
    }

    @Test
    void countsFailuresUntilReset() {
        Backoff counting = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5)).withRandom(b -> b);
        assertEquals(100, counting.nextDelay().toMillis());
        assertEquals(200, counting.nextDelay().toMillis());
        assertEquals(400, counting.nextDelay().toMillis());
        assertEquals(3, counting.failures());
        counting.reset();
        assertEquals(0, counting.failures());
        assertEquals(100, counting.nextDelay().toMillis(), "after a success it starts again from the initial wait");
        assertEquals(Duration.ofSeconds(3), counting.nextDelay(Duration.ofSeconds(3)));
    }

    @Test
    void refusesAnEmptyPolicy() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", clock));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sun, 29 Nov 2026 12:01:30 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 29 Nov 2026 11:00:00 GMT", clock), "past");
        assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", clock));
        assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
    }
}
