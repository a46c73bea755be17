package io.homefleet.hub.host;

import io.homefleet.common.contract.v1.HostRequest;
import io.homefleet.service.db.SqlFailures;
import io.homefleet.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The operator's edits of hosts. */
@ApplicationScoped
public class HostService {

    @jakarta.inject.Inject
    io.homefleet.hub.auth.CredentialService credentials;

    @Transactional
    public void create(HostRequest request) {
        if (request.id() == null) {
            throw ProblemException.badRequest("id is required to create a host");
        }
        if (HostEntity.findById(request.id()) != null) {
            throw alreadyExists(request.id());
        }
        HostEntity h = new HostEntity();
        h.id = request.id();
        h.createdAt = Instant.now();
        apply(h, request);
        try {
            // Flushed here: a concurrent create of the same id that committed first fails this insert.
            h.persistAndFlush();
        } catch (PersistenceException e) {
            throw SqlFailures.classify(e) == SqlFailures.Kind.CONFLICT ? alreadyExists(request.id()) : e;
        }
    }

    private static io.homefleet.service.problem.ProblemException alreadyExists(String id) {
        return io.homefleet.service.problem.ProblemException.conflict("host '" + id + "' already exists; use PUT "
                + "/api/v1/hosts/" + id + " to change it");
    }

    @Transactional
    public void update(String id, HostRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.badRequest("the body's id '" + request.id() + "' differs from the path's '" + id
                    + "'; a host's id cannot change");
        }
        apply(require(id), request);
    }

    @Transactional
    public void delete(String id) {
        require(id).delete();
        // Its keys went with it (ON DELETE CASCADE): no cached authentication may outlive them.
        credentials.forgetCached();
    }

    public HostEntity require(String id) {
        HostEntity h = HostEntity.findById(id);
        if (h == null) {
            throw ProblemException.notFound("no host '" + id + "'");
        }
        return h;
    }

    private static void apply(HostEntity h, HostRequest request) {
        h.hostname = request.hostname();
        h.cluster = request.cluster();
        List<String> addresses = request.addresses() == null ? List.of() : request.addresses();
        h.addresses = addresses.stream().distinct().toArray(String[]::new);
        h.updatedAt = Instant.now();
    }
}
