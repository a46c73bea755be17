package io.homefleet.provisioning.lifecycle;

import io.homefleet.provisioning.host.HostState;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Marks hosts that stayed in a state past its timeout ({@code timeouts_seconds} in provisioning.yaml) as failed,
 * with what usually causes it. Safe with several replicas: each host is re-checked under its row lock.
 */
@ApplicationScoped
public class TimeoutSweeper {
    @Inject
    HostLeases leases;

    @Inject
    Lifecycle lifecycle;

    @Scheduled(every = "${homefleet.provisioning.lifecycle.tick:1s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (Object[] row : leases.overdue()) {
            String id = (String) row[0];
            HostState state = HostState.fromLabel((String) row[1]).orElseThrow();
            lifecycle.fail(id, Trigger.TIMEOUT, state.label(), "timed out in " + state.label() + ": " + hint(state),
                    null, null, "provisioning");
        }
    }

    static String hint(HostState state) {
        return switch (state) {
            case PXE_READY -> "the machine did not PXE-boot (boot order, network cable, dnsmasq; see the PXE log)";
            case PXE_BOOTED -> "the installer did not fetch its answer (installer files, the ISO's answer URL)";
            case INSTALLING -> "the installer did not report the end of the installation (console of the machine)";
            case INSTALLED -> "the first boot did not phone home (the host's network, its first-boot service log)";
            case FIRST_BOOT, JOINING -> "the cluster join did not finish (SSH to the host, pvecm, the hub)";
            default -> "no progress";
        };
    }
}
