package io.homefleet.provisioning.discovery;

import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostRequest;
import io.homefleet.provisioning.host.HostService;
import io.homefleet.service.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Machines seen at PXE boot that no host owns, and turning one into a registered host. */
@ApplicationScoped
public class DiscoveryService {
    @Inject
    EntityManager em;

    @Inject
    HostService hosts;

    /** Records a boot of an unknown MAC (one statement, safe with concurrent boots and several replicas). */
    @Transactional
    public void seen(String mac, String address) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                INSERT INTO discovered_machines (mac, first_seen, last_seen, boots, last_address)
                VALUES (?1, ?2, ?2, 1, ?3)
                ON CONFLICT (mac) DO UPDATE SET last_seen = EXCLUDED.last_seen,
                    boots = discovered_machines.boots + 1, last_address = EXCLUDED.last_address""")
                .setParameter(1, mac).setParameter(2, now).setParameter(3, address).executeUpdate();
    }

    public List<DiscoveredMachineEntity> list() {
        return DiscoveredMachineEntity.listAll(Sort.descending("lastSeen"));
    }

    /** One-click registration: the discovered MAC becomes a host with the given name and type. */
    @Transactional
    public HostEntity register(String mac, String hostname, String serverType, String actor) {
        if (DiscoveredMachineEntity.findById(mac) == null) {
            throw ProblemException.notFound("no discovered machine with MAC " + mac);
        }
        return hosts.register(new HostRequest(hostname, mac, serverType), actor);
    }

    @Transactional
    public void forget(String mac) {
        if (!DiscoveredMachineEntity.deleteById(mac)) {
            throw ProblemException.notFound("no discovered machine with MAC " + mac);
        }
    }
}
