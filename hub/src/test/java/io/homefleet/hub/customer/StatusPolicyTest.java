package io.homefleet.hub.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homefleet.common.contract.v1.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status rules at every boundary (seed: OK < 30 min, WARN 30-60 min, DOWN > 60 min). */
class StatusPolicyTest {
    private final StatusPolicy policy = new StatusPolicy(Duration.ofMinutes(30), Duration.ofMinutes(60));
    private final Instant now = Instant.parse("2026-06-11T12:00:00Z");

    private CustomerStatus ageAndHealth(Duration age, HealthStatus health) {
        return policy.status(false, true, now.minus(age), health, now);
    }

    @Test
    void freshAndHealthyIsOk() {
        assertEquals(CustomerStatus.OK, ageAndHealth(Duration.ZERO, HealthStatus.OK));
        assertEquals(CustomerStatus.OK, ageAndHealth(Duration.ofMinutes(30).minusMillis(1), HealthStatus.OK));
    }

    @Test
    void thirtyMinutesIsWarnUpToAndIncludingSixty() {
        assertEquals(CustomerStatus.WARN, ageAndHealth(Duration.ofMinutes(30), HealthStatus.OK));
        assertEquals(CustomerStatus.WARN, ageAndHealth(Duration.ofMinutes(45), HealthStatus.OK));
        assertEquals(CustomerStatus.WARN, ageAndHealth(Duration.ofMinutes(60), HealthStatus.OK));
    }

    @Test
    void beyondSixtyMinutesIsDown() {
        assertEquals(CustomerStatus.DOWN, ageAndHealth(Duration.ofMinutes(60).plusMillis(1), HealthStatus.OK));
        assertEquals(CustomerStatus.DOWN, ageAndHealth(Duration.ofDays(3), HealthStatus.OK));
    }

    @Test
    void healthCanOnlyMakeItWorse() {
        assertEquals(CustomerStatus.WARN, ageAndHealth(Duration.ZERO, HealthStatus.WARN));
        assertEquals(CustomerStatus.DOWN, ageAndHealth(Duration.ZERO, HealthStatus.FAIL));
        assertEquals(CustomerStatus.DOWN, ageAndHealth(Duration.ofMinutes(40), HealthStatus.FAIL));
        assertEquals(CustomerStatus.DOWN, ageAndHealth(Duration.ofMinutes(90), HealthStatus.WARN));
    }

    @Test
    void blockedWinsOverEverything() {
        assertEquals(CustomerStatus.BLOCKED, policy.status(true, true, now, HealthStatus.FAIL, now));
        assertEquals(CustomerStatus.BLOCKED, policy.status(true, false, null, null, now));
    }

    @Test
    void neverReportedIsPending() {
        assertEquals(CustomerStatus.PENDING, policy.status(false, true, null, null, now));
    }

    @Test
    void pausedMonitoringIsDisabledEvenWhenSilent() {
        assertEquals(CustomerStatus.DISABLED, policy.status(false, false, now.minus(Duration.ofDays(2)),
                HealthStatus.FAIL, now));
    }

    @Test
    void stalenessMatchesTheStatusBoundaries() {
        assertEquals(StatusPolicy.Staleness.FRESH, policy.staleness(now.minus(Duration.ofMinutes(29)), now));
        assertEquals(StatusPolicy.Staleness.STALE, policy.staleness(now.minus(Duration.ofMinutes(30)), now));
        assertEquals(StatusPolicy.Staleness.STALE, policy.staleness(now.minus(Duration.ofMinutes(60)), now));
        assertEquals(StatusPolicy.Staleness.DOWN, policy.staleness(now.minus(Duration.ofMinutes(61)), now));
    }

    @Test
    void downMustComeAfterStale() {
        assertThrows(IllegalArgumentException.class,
                () -> new StatusPolicy(Duration.ofMinutes(60), Duration.ofMinutes(30)));
    }
}
