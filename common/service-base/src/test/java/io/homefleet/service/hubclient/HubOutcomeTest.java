package io.homefleet.service.hubclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How each kind of hub failure becomes the outcome a loop acts on. */
class HubOutcomeTest {
    @Test
    void aCallThatReturnsIsAccepted() {
        HubOutcome outcome = HubOutcome.of(() -> { });
        assertTrue(outcome.accepted());
        assertEquals(0, outcome.status());
    }

    @Test
    void noAnswerRateLimitsAndServerErrorsAreWorthRetryingWithTheirRetryAfter() {
        HubOutcome down = HubOutcome.of(() -> {
            throw new HubException(HubException.Kind.UNREACHABLE, "cannot reach the hub at http://127.0.0.1:1");
        });
        assertEquals(HubOutcome.Kind.UNREACHABLE, down.kind());
        assertEquals(0, down.status());
        HubOutcome limited = HubOutcome.of(new HubException(HubException.Kind.RATE_LIMITED, 429, "HTTP 429: slow down",
                null, Duration.ofSeconds(7)));
        assertEquals(HubOutcome.Kind.UNREACHABLE, limited.kind());
        assertEquals(Duration.ofSeconds(7), limited.retryAfter());
        HubOutcome failing = HubOutcome.of(new HubException(HubException.Kind.REFUSED, 503, "HTTP 503: later", null,
                null));
        assertEquals(HubOutcome.Kind.UNREACHABLE, failing.kind());
        assertEquals(503, failing.status());
    }

    @Test
    void clientErrorsAndAnUnreadableCredentialAreRejectedInTheHubsOrTheFilesWords() {
        HubOutcome refused = HubOutcome.of(new HubException(HubException.Kind.REFUSED, 401, "HTTP 401: unknown key",
                null, Duration.ofSeconds(3)));
        assertEquals(HubOutcome.Kind.REJECTED, refused.kind());
        assertEquals(401, refused.status());
        assertEquals("HTTP 401: unknown key", refused.detail());
        HubOutcome noKey = HubOutcome.of(new HubException(HubException.Kind.NO_CREDENTIAL, "cannot read the host key"));
        assertEquals(HubOutcome.Kind.REJECTED, noKey.kind());
        assertEquals(0, noKey.status());
        assertNull(noKey.retryAfter());
        assertEquals(HubOutcome.Kind.REJECTED, HubOutcome.of(new HubException(HubException.Kind.REJECTED, 200,
                "the hub's answer was refused: not JSON", null, null)).kind());
    }
}
