package io.homefleet.service.web;

import io.homefleet.service.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The signed-in browser of the current request, for pages: who it is, the CSRF token its forms carry, whether it
 * must change its password. Empty for API callers (bearer tokens) and anonymous requests.
 */
@RequestScoped
public class CurrentSession {
    static final String SESSION = WebSession.class.getName();
    static final String MUST_CHANGE_PASSWORD = WebSession.class.getName() + ".mustChangePassword";

    @Inject
    SecurityIdentity identity;

    public Optional<WebSession> get() {
        return identity.isAnonymous() ? Optional.empty() : Optional.ofNullable(identity.getAttribute(SESSION));
    }

    /**
     * The session; for pages and forms that act as a signed-in account. A caller with an API token (which has no
     * account, no password and no CSRF token) gets 403 with why, not a page.
     */
    public WebSession require() {
        return get().orElseThrow(() -> ProblemException.forbidden("this page acts as a signed-in account; sign in with "
                + "a browser at /sign-in (API tokens have no account here)"));
    }

    /** The account's name. */
    public String account() {
        return require().account();
    }

    /** The value of the hidden {@value CsrfGuard#FIELD} field in this session's forms. */
    public String csrfToken() {
        return require().csrfToken();
    }

    public boolean mustChangePassword() {
        return get().isPresent() && Boolean.TRUE.equals(identity.getAttribute(MUST_CHANGE_PASSWORD));
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    static boolean mustChangePassword(SecurityIdentity identity) {
        return identity != null && Boolean.TRUE.equals(identity.getAttribute(MUST_CHANGE_PASSWORD));
    }
}
