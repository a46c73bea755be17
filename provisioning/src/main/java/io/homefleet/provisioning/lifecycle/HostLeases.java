package io.homefleet.provisioning.lifecycle;

import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;

/**
 * Which replica works on a host's join: a lease in the host's row, taken with one conditional update (so two
 * replicas never run the same join) and renewed at every step. A replica that stops (or restarts) stops renewing;
 * once its lease runs out any replica resumes the host from its current step.
 */
@ApplicationScoped
public class HostLeases {
    @Inject
    EntityManager em;

    /** The join's input, read in one transaction and detached from it. */
    public record JoinInput(String id, HostState state, String ip, String serverType, String sshHostKeys,
            String ephemeralPublicKey, byte[] sealedPrivateKey) {
        @Override
        public String toString() {
            return "JoinInput[" + id + ", " + state + ", " + ip + "]";
        }
    }

    /** Thrown when this replica no longer holds the host (the operator rebuilt it, it timed out, another took over). */
    public static final class LeaseLost extends RuntimeException {
        public LeaseLost(String hostId) {
            super("host " + hostId + " is no longer this replica's to work on");
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> claimable(int limit) {
        return em.createNativeQuery("""
                SELECT id FROM hosts WHERE state IN ('first_boot', 'joining')
                  AND (lease_until IS NULL OR lease_until < now()) ORDER BY state_since LIMIT ?1""")
                .setParameter(1, limit).getResultList();
    }

    @Transactional
    public boolean claim(String hostId, String owner, Duration lease) {
        return em.createNativeQuery("""
                UPDATE hosts SET lease_owner = ?1, lease_until = now() + ?2 * interval '1 millisecond'
                WHERE id = ?3 AND state IN ('first_boot', 'joining') AND (lease_until IS NULL OR lease_until < now())""")
                .setParameter(1, owner).setParameter(2, lease.toMillis()).setParameter(3, hostId).executeUpdate() == 1;
    }

    /** Records the step now running and renews the lease; {@link LeaseLost} when the host is no longer ours. */
    @Transactional
    public void step(String hostId, String owner, String step, Duration lease) {
        int updated = em.createNativeQuery("""
                UPDATE hosts SET current_step = ?1, lease_until = now() + ?2 * interval '1 millisecond'
                WHERE id = ?3 AND lease_owner = ?4 AND state = 'joining'""")
                .setParameter(1, step).setParameter(2, lease.toMillis()).setParameter(3, hostId).setParameter(4, owner)
                .executeUpdate();
        if (updated != 1) {
            throw new LeaseLost(hostId);
        }
    }

    @Transactional
    public JoinInput input(String hostId) {
        HostEntity h = HostEntity.findById(hostId);
        if (h == null) {
            throw new LeaseLost(hostId);
        }
        return new JoinInput(h.id, h.state, h.ip, h.serverType, h.sshHostKeys, h.ephemeralPublicKey,
                h.ephemeralPrivateKey);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> overdue() {
        return em.createNativeQuery("""
                SELECT id, state FROM hosts WHERE deadline < now()
                  AND state IN ('pxe_ready', 'pxe_booted', 'installing', 'installed', 'first_boot', 'joining')""")
                .getResultList();
    }
}
