package io.homefleet.service.web;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a verified session into an identity, asking the service's {@link AccountStore} (on a worker) so a removed
 * account, a new role or a changed password counts at once. An account that must change its password holds no
 * role until it has.
 */
@ApplicationScoped
@IfBuildProperty(name = "homefleet.web.enabled", stringValue = "true")
public class SessionIdentityProvider implements IdentityProvider<SessionRequest> {
    @Inject
    AccountStore accounts;

    @Inject
    WebSessions sessions;

    @Override
    public Class<SessionRequest> getRequestType() {
        return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> identity(request.claims()));
    }

    private SecurityIdentity identity(WebSessions.Claims claims) {
        Account account = accounts.find(claims.session().account())
                .filter(found -> sessions.current(claims, found))
                .orElseThrow(() -> new AuthenticationFailedException("the session's account is gone or its "
                        + "password changed"));
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.name()))
                .addAttribute(CurrentSession.SESSION, claims.session())
                .addAttribute(CurrentSession.MUST_CHANGE_PASSWORD, account.mustChangePassword());
        if (!account.mustChangePassword()) {
            builder.addRoles(account.roles());
        }
        return builder.build();
    }
}
