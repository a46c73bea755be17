package io.homefleet.provisioning.pxe;

import java.time.Instant;
import java.util.Optional;

/**
 * What the supervisor knows about the dnsmasq child right now.
 *
 * @param state        see {@link State}
 * @param pid          the running child's pid, or -1
 * @param detail       one sentence for an operator: what runs, or why nothing does and what happens next
 * @param since        when the child entered this state
 * @param restarts     how often the child was started again after it died (config changes not counted)
 * @param lastExitCode the exit status of the child that ran before, if one did
 * @param bootUrl      the URL iPXE is sent to (empty while disabled)
 * @param config       the config text the child runs with (empty while none runs)
 */
public record DnsmasqStatus(State state, long pid, String detail, Instant since, int restarts,
        Optional<Integer> lastExitCode, Optional<String> bootUrl, Optional<String> config) {

    public enum State {
        /** {@code pxe.enabled} is false: nothing runs, by design. */
        DISABLED,
        /** Started; dnsmasq has not yet said it is up. */
        STARTING,
        /** dnsmasq said "started" and is alive. */
        RUNNING,
        /** The child died or could not start; the next attempt waits out a backoff. */
        RESTARTING,
        /** The supervisor was closed (the service is stopping). */
        STOPPED
    }

    /** Whether PXE is served as configured: running, or off on purpose. */
    public boolean healthy() {
        return state == State.RUNNING || state == State.DISABLED;
    }
}
