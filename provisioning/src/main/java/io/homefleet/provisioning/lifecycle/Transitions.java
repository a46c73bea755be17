package io.homefleet.provisioning.lifecycle;

import static io.homefleet.provisioning.host.HostState.FAILED;
import static io.homefleet.provisioning.host.HostState.FIRST_BOOT;
import static io.homefleet.provisioning.host.HostState.INSTALLED;
import static io.homefleet.provisioning.host.HostState.INSTALLING;
import static io.homefleet.provisioning.host.HostState.JOINING;
import static io.homefleet.provisioning.host.HostState.PXE_BOOTED;
import static io.homefleet.provisioning.host.HostState.PXE_READY;
import static io.homefleet.provisioning.host.HostState.READY;
import static io.homefleet.provisioning.host.HostState.REGISTERED;

import io.homefleet.provisioning.host.HostState;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle as a table: for each trigger, the states it may fire in and the state it leads to. Nothing else
 * decides whether a host may move; {@link Lifecycle} applies a row and stores the transition.
 */
public final class Transitions {

    /** One row: {@code trigger} in any of {@code from} leads to {@code to} ({@code null}: back to the failed state). */
    public record Rule(Trigger trigger, Set<HostState> from, HostState to) {
    }

    /** States from which a host may be marked failed (by a step or a timeout). */
    static final Set<HostState> IN_FLIGHT = EnumSet.of(PXE_READY, PXE_BOOTED, INSTALLING, INSTALLED, FIRST_BOOT, JOINING);

    public static final List<Rule> TABLE = List.of(
            new Rule(Trigger.REBUILD, EnumSet.allOf(HostState.class), PXE_READY),
            new Rule(Trigger.PXE_BOOT, EnumSet.of(PXE_READY, PXE_BOOTED), PXE_BOOTED),
            // An installer booted some other way (USB, a second fetch after a reset) may ask again.
            new Rule(Trigger.ANSWER, EnumSet.of(PXE_READY, PXE_BOOTED, INSTALLING), INSTALLING),
            new Rule(Trigger.INSTALLED, EnumSet.of(INSTALLING), INSTALLED),
            new Rule(Trigger.PHONE_HOME, EnumSet.of(INSTALLED), FIRST_BOOT),
            new Rule(Trigger.JOIN, EnumSet.of(FIRST_BOOT), JOINING),
            new Rule(Trigger.READY, EnumSet.of(JOINING), READY),
            new Rule(Trigger.FAIL, IN_FLIGHT, FAILED),
            new Rule(Trigger.TIMEOUT, IN_FLIGHT, FAILED),
            new Rule(Trigger.RETRY, EnumSet.of(FAILED), null));

    /** States a host only leaves by itself: no timeout. */
    public static final Set<HostState> RESTING = EnumSet.of(REGISTERED, READY, FAILED);

    private Transitions() {
    }

    /**
     * Where "retry" resumes a host that failed in {@code failed}: the same state, except that an install that broke
     * off (booted but no answer, or no post-installation report) starts again from the network boot, since an
     * installer cannot be resumed mid-way.
     */
    public static HostState resumeIn(HostState failed) {
        return failed == PXE_BOOTED || failed == INSTALLING ? PXE_READY : failed;
    }

    public static Optional<Rule> rule(Trigger trigger, HostState from) {
        return TABLE.stream().filter(r -> r.trigger() == trigger && r.from().contains(from)).findFirst();
    }

    /** The states {@code trigger} may fire in, for a 409's detail. */
    public static Set<HostState> allowedFrom(Trigger trigger) {
        return TABLE.stream().filter(r -> r.trigger() == trigger).findFirst().map(Rule::from).orElse(Set.of());
    }
}
