package io.homefleet.provisioning.lifecycle;

import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.config.ProvisioningFile;
import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostState;
import io.homefleet.provisioning.host.TransitionEntity;
import io.homefleet.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Applies {@link Transitions} to a host: under a row lock, checks the table, changes the host, stores the transition
 * (time, cause, actor) and the state's deadline, all in one transaction. The only writer of {@code hosts.state}.
 */
@ApplicationScoped
public class Lifecycle {
    private static final Logger LOG = Logger.getLogger(Lifecycle.class);
    /** Stored output of a failed command: its last lines, bounded. */
    static final int OUTPUT_LINES = 20;

    @Inject
    ProvisioningConfig config;

    @Inject
    Event<HostStateChanged> changes;

    /** Fires {@code trigger}; {@code change} adds what the step learned (under the same lock, before the move). */
    @Transactional
    public HostEntity fire(String hostId, Trigger trigger, String cause, String actor, Consumer<HostEntity> change) {
        HostEntity host = lock(hostId);
        Transitions.Rule rule = Transitions.rule(trigger, host.state).orElseThrow(() -> ProblemException.conflict(
                "host '" + hostId + "' is " + host.state.label() + "; " + describe(trigger) + " needs it to be "
                        + Transitions.allowedFrom(trigger).stream().map(HostState::label).sorted()
                        .collect(Collectors.joining(" or ")))
                .with("state", host.state.label()));
        HostState to = rule.to() != null ? rule.to()
                : host.failedState == null ? null : Transitions.resumeIn(host.failedState);
        if (to == null) {
            throw ProblemException.conflict("host '" + hostId + "' has no failed step to resume; rebuild it");
        }
        if (change != null) {
            change.accept(host);
        }
        if (trigger == Trigger.RETRY) {
            clearFailure(host);
        }
        move(host, to, cause, actor, null);
        return host;
    }

    /** Marks the host failed in its current step with what went wrong; a host no longer in flight is left alone. */
    @Transactional
    public boolean fail(String hostId, Trigger trigger, String step, String reason, Integer exitStatus, String output,
            String actor) {
        HostEntity host = HostEntity.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
        if (host == null || !Transitions.IN_FLIGHT.contains(host.state)) {
            return false;
        }
        if (trigger == Trigger.TIMEOUT && (host.deadline == null || host.deadline.isAfter(Instant.now()))) {
            return false; // it moved on (and got a new deadline) since the sweep read it
        }
        host.failedState = host.state;
        host.failedStep = step;
        host.failureReason = reason;
        host.failureExitStatus = exitStatus;
        host.failureOutput = lastLines(output);
        host.leaseOwner = null;
        host.leaseUntil = null;
        LOG.warnf("host %s failed in %s (%s): %s", hostId, host.state.label(), step, reason);
        move(host, HostState.FAILED, trigger == Trigger.TIMEOUT ? "timeout" : "step failed: " + step, actor, reason);
        return true;
    }

    /** The host, locked for this transaction; 404 when absent. */
    public HostEntity lock(String hostId) {
        HostEntity host = HostEntity.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
        if (host == null) {
            throw ProblemException.notFound("no host '" + hostId + "'");
        }
        return host;
    }

    /** Stores a new host in {@code registered}. */
    @Transactional
    public void register(HostEntity host, String actor) {
        Instant now = now();
        host.createdAt = now;
        host.updatedAt = now;
        host.state = HostState.REGISTERED;
        host.stateSince = now;
        host.persist();
        record(host.id, null, HostState.REGISTERED, "registered", actor, null, now);
    }

    private void move(HostEntity host, HostState to, String cause, String actor, String detail) {
        Instant now = now();
        HostState from = host.state;
        host.state = to;
        host.stateSince = now;
        host.updatedAt = now;
        host.deadline = deadline(to, now);
        if (to != HostState.FIRST_BOOT && to != HostState.JOINING) {
            host.currentStep = null;
        }
        record(host.id, from, to, cause, actor, detail, now);
    }

    private void record(String hostId, HostState from, HostState to, String cause, String actor, String detail,
            Instant at) {
        TransitionEntity t = new TransitionEntity();
        t.hostId = hostId;
        t.at = at;
        t.fromState = from;
        t.toState = to;
        t.cause = cause;
        t.actor = actor;
        t.detail = detail;
        t.persist();
        changes.fire(new HostStateChanged(hostId, from, to, cause, actor, at));
    }

    private Instant deadline(HostState state, Instant now) {
        if (Transitions.RESTING.contains(state)) {
            return null;
        }
        ProvisioningFile.Timeouts t = config.current().file().timeoutsSeconds();
        int seconds = switch (state) {
            case PXE_READY -> t.pxeReady();
            case PXE_BOOTED -> t.pxeBooted();
            case INSTALLING -> t.installing();
            case INSTALLED -> t.installed();
            case FIRST_BOOT -> t.firstBoot();
            case JOINING -> t.joining();
            default -> throw new IllegalStateException("no timeout for " + state);
        };
        return now.plusSeconds(seconds);
    }

    private static void clearFailure(HostEntity host) {
        host.failedState = null;
        host.failedStep = null;
        host.failureReason = null;
        host.failureExitStatus = null;
        host.failureOutput = null;
    }

    static String lastLines(String output) {
        if (output == null || output.isEmpty()) {
            return output;
        }
        String[] lines = output.split("\r?\n");
        int from = Math.max(0, lines.length - OUTPUT_LINES);
        String tail = String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
        return tail.length() > 8000 ? tail.substring(tail.length() - 8000) : tail;
    }

    private static String describe(Trigger trigger) {
        return trigger.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
