package io.homefleet.provisioning.host;

import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.discovery.DiscoveredMachineEntity;
import io.homefleet.provisioning.keys.EphemeralKeys;
import io.homefleet.provisioning.lifecycle.Lifecycle;
import io.homefleet.provisioning.lifecycle.Trigger;
import io.homefleet.service.db.SqlFailures;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.TreeSet;

/** The operator's actions on hosts: register, list, remove, rebuild, retry. */
@ApplicationScoped
public class HostService {
    @Inject
    Lifecycle lifecycle;

    @Inject
    ProvisioningConfig config;

    @Inject
    EphemeralKeys keys;

    @Transactional
    public HostEntity register(HostRequest request, String actor) {
        String mac = Macs.normalize(request.mac()).orElseThrow(() -> ProblemException.of(ProblemType.INVALID_FIELDS,
                "mac: must be a MAC address such as 52:54:00:12:34:56"));
        if (config.current().serverType(request.serverType()).isEmpty()) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "server_type: no server type '" + request.serverType()
                    + "' in server-types.yaml; known: " + String.join(", ",
                    new TreeSet<>(config.current().types().serverTypes().keySet())))
                    .with("known_server_types", new TreeSet<>(config.current().types().serverTypes().keySet()));
        }
        if (HostEntity.findById(request.hostname()) != null) {
            throw ProblemException.conflict("a host named '" + request.hostname() + "' is already registered");
        }
        HostEntity sameMac = HostEntity.byMac(mac);
        if (sameMac != null) {
            throw ProblemException.conflict("MAC " + mac + " is already registered to host '" + sameMac.id + "'");
        }
        HostEntity host = new HostEntity();
        host.id = request.hostname();
        host.mac = mac;
        host.serverType = request.serverType();
        lifecycle.register(host, actor);
        try {
            HostEntity.flush(); // a registration of the same name or MAC at the same moment fails here, not at commit
        } catch (PersistenceException race) {
            if (SqlFailures.classify(race) == SqlFailures.Kind.CONFLICT) {
                throw ProblemException.conflict("host '" + request.hostname() + "' or MAC " + mac
                        + " was registered by another request at the same moment");
            }
            throw race;
        }
        DiscoveredMachineEntity.deleteById(mac);
        return host;
    }

    public List<HostEntity> list() {
        return HostEntity.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    public HostEntity get(String id) {
        HostEntity host = HostEntity.findById(id);
        if (host == null) {
            throw ProblemException.notFound("no host '" + id + "'");
        }
        return host;
    }

    @Transactional
    public void delete(String id) {
        HostEntity host = lifecycle.lock(id);
        host.delete();
    }

    /** Starts a rebuild: a fresh ephemeral key pair, everything learned from the last install forgotten. */
    public HostEntity rebuild(String id, String actor) {
        get(id);
        EphemeralKeys.Issued issued = keys.generate(id);
        return lifecycle.fire(id, Trigger.REBUILD, "rebuild requested", actor, h -> {
            h.ephemeralPublicKey = issued.publicKey();
            h.ephemeralPrivateKey = issued.sealedPrivateKey();
            h.bootTokenHash = null;
            h.sshHostKeys = null;
            h.ip = null;
            h.machineId = null;
            h.failedState = null;
            h.failedStep = null;
            h.failureReason = null;
            h.failureExitStatus = null;
            h.failureOutput = null;
            h.leaseOwner = null;
            h.leaseUntil = null;
            h.currentStep = null;
            h.rebuildCount++;
        });
    }

    /** Resumes a failed host from the state it failed in. */
    public HostEntity retry(String id, String actor) {
        return lifecycle.fire(id, Trigger.RETRY, "retry requested", actor, h -> {
            h.leaseOwner = null;
            h.leaseUntil = null;
        });
    }

    public List<TransitionEntity> history(String id) {
        get(id);
        return TransitionEntity.of(id);
    }
}
