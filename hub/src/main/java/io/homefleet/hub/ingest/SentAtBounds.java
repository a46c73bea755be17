package io.homefleet.hub.ingest;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Bounds the client's clock in what it sends: a {@code sent_at} more than {@code homefleet.hub.ingest.max-clock-skew}
 * ahead of the hub's clock, or older than the retention window, is refused with a 400 naming the field. Which
 * report is a sender's latest does not rely on this bound (it never trusts a sent_at later than the arrival).
 */
@ApplicationScoped
public class SentAtBounds {

    @Inject
    HubConfig config;

    public void check(String field, Instant sentAt, Instant receivedAt) {
        Duration skew = config.ingest().maxClockSkew();
        Duration retention = Duration.ofDays(config.retention().maxDays());
        String reason = null;
        if (sentAt.isAfter(receivedAt.plus(skew))) {
            reason = "is " + sentAt + ", more than " + describe(skew) + " ahead of the hub's clock (" + receivedAt
                    + "); check the sender's clock";
        } else if (sentAt.isBefore(receivedAt.minus(retention))) {
            reason = "is " + sentAt + ", older than the " + config.retention().maxDays()
                    + " days the hub keeps reports";
        }
        if (reason != null) {
            Problem problem = ProblemException.problem(ProblemType.INVALID_FIELDS, field + " " + reason)
                    .withErrors(List.of(new Problem.FieldError(field, reason)))
                    .with("hub_time", receivedAt.toString())
                    .with("max_clock_skew_seconds", skew.toSeconds());
            throw new ProblemException(problem);
        }
    }

    private static String describe(Duration d) {
        return d.toMinutes() % 60 == 0 && d.toHours() > 0 ? d.toHours() + " h" : d.toSeconds() + " s";
    }
}
