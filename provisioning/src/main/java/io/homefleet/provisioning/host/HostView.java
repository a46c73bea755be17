package io.homefleet.provisioning.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A host as the API shows it; a failed host says the step, the command's exit status and its last output lines. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostView(
        String id,
        String hostname,
        String mac,
        String serverType,
        HostState state,
        Instant stateSince,
        Instant deadline,
        String currentStep,
        Failure failure,
        String ip,
        String machineId,
        boolean ephemeralKeyHeld,
        boolean sshHostKeysPinned,
        int rebuildCount,
        Instant createdAt) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(HostState state, String step, String reason, Integer exitStatus, String output) {
    }

    public static HostView of(HostEntity h) {
        Failure failure = h.failedState == null ? null
                : new Failure(h.failedState, h.failedStep, h.failureReason, h.failureExitStatus, h.failureOutput);
        return new HostView(h.id, h.id, h.mac, h.serverType, h.state, h.stateSince, h.deadline, h.currentStep,
                failure, h.ip, h.machineId, h.ephemeralPrivateKey != null, h.sshHostKeys != null, h.rebuildCount,
                h.createdAt);
    }
}
