package io.homefleet.service.web;

import io.homefleet.service.auth.AuthConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The browser session beside the bearer tokens of {@code io.homefleet.service.auth.BearerTokenMechanism}: a request
 * carrying a bearer credential ({@code Authorization} or the configured alternative header) is never a session
 * request, so API clients behave exactly as without this mechanism. A request with a valid session cookie gets the
 * account's identity; an expired, tampered or orphaned cookie counts as none (and is cleared). Challenges: a page
 * request (see {@link BrowserRequests#isPageRequest}) is redirected to the sign-in page with its path as
 * {@code next}; anything else falls through to the bearer mechanism's 401 problem+json.
 */
@ApplicationScoped
@IfBuildProperty(name = "homefleet.web.enabled", stringValue = "true")
public class SessionMechanism implements HttpAuthenticationMechanism {
    @Inject
    WebConfig config;

    @Inject
    AuthConfig auth;

    @Inject
    WebSessions sessions;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        HttpServerRequest request = context.request();
        if (carriesBearer(request, auth)) {
            return Uni.createFrom().nullItem();
        }
        String token = sessions.presented(request);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        var claims = sessions.read(token);
        if (claims.isEmpty()) {
            clear(context);
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new SessionRequest(claims.get()))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
                    clear(context);
                    return null;
                });
    }

    private void clear(RoutingContext context) {
        if (!context.response().headWritten()) {
            context.response().headers().add(HttpHeaders.SET_COOKIE, sessions.clearingCookie(context.request()));
        }
    }

    /** A bearer credential is present: the request is an API call, whatever cookies the client also sends. */
    static boolean carriesBearer(HttpServerRequest request, AuthConfig auth) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || auth.alternativeTokenHeader().map(request::getHeader).isPresent();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (BrowserRequests.isPageRequest(context.request(), config.apiPaths())) {
            return Uni.createFrom().item(new ChallengeData(302, "Location",
                    BrowserRequests.signInLocation(config.signInPath(), context.request())));
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!BrowserRequests.isPageRequest(context.request(), config.apiPaths())) {
            return Uni.createFrom().item(false);
        }
        if (!context.response().headWritten()) {
            context.response().setStatusCode(302)
                    .putHeader("Location", BrowserRequests.signInLocation(config.signInPath(), context.request()))
                    .end();
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    /** Before the bearer mechanism, so a page request's challenge is the redirect. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
