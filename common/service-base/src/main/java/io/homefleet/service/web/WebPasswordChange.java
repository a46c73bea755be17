package io.homefleet.service.web;

import io.quarkus.security.identity.SecurityIdentity;

/** Whether an identity is a session whose account must change its password before anything else. */
public final class WebPasswordChange {
    private WebPasswordChange() {
    }

    public static boolean pending(SecurityIdentity identity) {
        return CurrentSession.mustChangePassword(identity);
    }
}
