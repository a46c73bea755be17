package io.homefleet.provisioning.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** One entry of a host's operation history. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransitionView(Instant at, HostState from, HostState to, String cause, String actor, String detail) {
    public static TransitionView of(TransitionEntity t) {
        return new TransitionView(t.at, t.fromState, t.toState, t.cause, t.actor, t.detail);
    }
}
