package io.homefleet.hub.auth;

import io.homefleet.hub.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link TokenAuthFilter}. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("endpoint without @RequiresToken asked for its caller");
        }
        return caller;
    }

    /** A customer key acts only on its own customer. */
    public void requireCustomer(String customerId) {
        Caller c = get();
        if (!c.customerId().equals(customerId)) {
            throw ProblemException.forbidden("this customer key belongs to customer '" + c.customerId()
                    + "' but the request is for customer '" + customerId + "'");
        }
    }

    /** A host key acts only on its own host. */
    public void requireHost(String hostId) {
        Caller c = get();
        if (!c.hostId().equals(hostId)) {
            throw ProblemException.forbidden("this host key belongs to host '" + c.hostId()
                    + "' but the request is for host '" + hostId + "'");
        }
    }
}
