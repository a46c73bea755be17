package io.homefleet.agent.localapi.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller the auth filter established for this request. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller: the endpoint lacks @Access");
        }
        return caller;
    }
}
