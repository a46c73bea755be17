package io.homefleet.hub.customer;

import io.homefleet.common.contract.v1.CustomerRequest;
import io.homefleet.service.db.SqlFailures;
import io.homefleet.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** The operator's edits of customers. */
@ApplicationScoped
public class CustomerService {

    @jakarta.inject.Inject
    io.homefleet.hub.auth.CredentialService credentials;

    @Transactional
    public void create(CustomerRequest request) {
        if (request.id() == null) {
            throw ProblemException.badRequest("id is required to create a customer");
        }
        if (CustomerEntity.findById(request.id()) != null) {
            throw alreadyExists(request.id());
        }
        CustomerEntity c = new CustomerEntity();
        c.id = request.id();
        c.createdAt = Instant.now();
        apply(c, request);
        try {
            // Flushed here: a concurrent create of the same id that committed first fails this insert.
            c.persistAndFlush();
        } catch (PersistenceException e) {
            throw SqlFailures.classify(e) == SqlFailures.Kind.CONFLICT ? alreadyExists(request.id()) : e;
        }
    }

    private static io.homefleet.service.problem.ProblemException alreadyExists(String id) {
        return io.homefleet.service.problem.ProblemException.conflict("customer '" + id + "' already exists; use PUT "
                + "/api/v1/customers/" + id + " to change it");
    }

    @Transactional
    public void update(String id, CustomerRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.badRequest("the body's id '" + request.id() + "' differs from the path's '" + id
                    + "'; a customer's id cannot change");
        }
        apply(require(id), request);
    }

    @Transactional
    public void delete(String id) {
        require(id).delete();
        // Its keys went with it (ON DELETE CASCADE): no cached authentication may outlive them.
        credentials.forgetCached();
    }

    @Transactional
    public void setBlocked(String id, boolean blocked) {
        CustomerEntity c = require(id);
        if (c.blocked != blocked) {
            c.blocked = blocked;
            c.updatedAt = Instant.now();
        }
    }

    /** The customer, or a 404 that names it. */
    public CustomerEntity require(String id) {
        CustomerEntity c = CustomerEntity.findById(id);
        if (c == null) {
            throw ProblemException.notFound("no customer '" + id + "'");
        }
        return c;
    }

    private static void apply(CustomerEntity c, CustomerRequest request) {
        c.name = request.name().strip();
        c.email = request.email();
        c.domain = request.domain();
        c.notes = request.notes();
        c.updatedAt = Instant.now();
    }
}
