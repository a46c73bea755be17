package io.homefleet.service.auth;

import io.homefleet.service.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The authenticated caller of the current request, and the checks that a token acts only for its own scope. */
@RequestScoped
public class CurrentCaller {
    @Inject
    SecurityIdentity identity;

    public Caller get() {
        Caller caller = identity.isAnonymous() ? null : identity.getAttribute(TokenIdentities.CALLER);
        if (caller == null) {
            throw new IllegalStateException("an endpoint without @RolesAllowed asked for its caller");
        }
        return caller;
    }

    /** A customer key acts only on its own customer. */
    public void requireCustomer(String customerId) {
        Caller c = get();
        if (!c.isOperator() && !customerId.equals(c.customerId())) {
            throw ProblemException.forbidden("this customer key belongs to customer '" + c.customerId()
                    + "' but the request is for customer '" + customerId + "'");
        }
    }

    /** A host key acts only on its own host. */
    public void requireHost(String hostId) {
        Caller c = get();
        if (!c.isOperator() && !hostId.equals(c.hostId())) {
            throw ProblemException.forbidden("this host key belongs to host '" + c.hostId()
                    + "' but the request is for host '" + hostId + "'");
        }
    }

    /** A guest token acts only for its own vmid. */
    public void requireVmid(int vmid) {
        Caller c = get();
        if (!c.mayActFor(vmid)) {
            throw ProblemException.forbidden("this guest token acts only for vmid " + c.vmid() + ", not " + vmid);
        }
    }
}
