package io.homefleet.sensorproxy.controlplane;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void retriesDoubleWithJitterAndNeverExceedTheRefreshInterval() {
        Duration initial = Duration.ofSeconds(2);
        Duration interval = Duration.ofSeconds(60);
        long distinct = 0;
        for (int failures = 1; failures <= 12; failures++) {
            long ceiling = Math.min(60_000, 2_000L << (failures - 1));
            long first = -1;
            for (int i = 0; i < 200; i++) {
                long wait = AllowlistSync.backoff(initial, failures, interval).toMillis();
                assertTrue(wait >= ceiling / 2 && wait <= ceiling, failures + " failures: " + wait + " ms not in [" + ceiling / 2 + ", " + ceiling + "]");
                if (first >= 0 && wait != first) {
                    distinct++;
                }
                first = first < 0 ? wait : first;
            }
        }
        assertTrue(distinct > 1000, "jittered, so many proxies do not retry in step");
        assertTrue(AllowlistSync.backoff(initial, 1_000, interval).toMillis() <= 60_000, "no overflow after many failures");
    }
}
