package io.homefleet.service.auth;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads a Homefleet token from {@code Authorization: Bearer} (or the configured alternative header) and turns it
 * into an identity whose role is the token's kind. No token: anonymous, so public endpoints stay public and
 * {@code @RolesAllowed} ones answer 401. A malformed, unknown or revoked token: 401 saying which. A token of a kind
 * this service does not keep: an identity with no role, which every {@code @RolesAllowed} refuses with the 403
 * that names both kinds. Authentication runs only where an endpoint asks for it (quarkus.http.auth.proactive=false).
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {
    /** Why the last authentication of this request failed, for the 401's detail. */
    static final String FAILURE = BearerTokenMechanism.class.getName() + ".failure";
    private static final String BEARER = "Bearer";

    @Inject
    AuthConfig config;

    @Inject
    Instance<TokenStore> stores;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = token(context);
        if (token == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        if (!Tokens.wellFormed(token)) {
            return fail(context, AuthProblems.malformed());
        }
        TokenKind kind = TokenKind.of(token).orElseThrow();
        if (!stores.isResolvable() || !stores.get().verifies(kind)) {
            return Uni.createFrom().item(TokenIdentities.unverified(kind));
        }
        return identityProviderManager.authenticate(new TokenRequest(token))
                .onFailure(AuthenticationFailedException.class)
                .invoke(e -> context.put(FAILURE, e.getMessage()));
    }

    private static Uni<SecurityIdentity> fail(RoutingContext context, String detail) {
        context.put(FAILURE, detail);
        return Uni.createFrom().failure(new AuthenticationFailedException(detail));
    }

    /** The presented token, or null when none was sent. */
    private String token(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).trim();
        }
        if (header != null) {
            return header.trim(); // another scheme: not a Homefleet token, refused as malformed
        }
        return config.alternativeTokenHeader()
                .map(name -> context.request().getHeader(name))
                .map(String::trim)
                .orElse(null);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate",
                AuthProblems.CHALLENGE));
    }

    /** A challenge from the HTTP layer carries the same problem+json body as one from an endpoint. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        String failure = context.get(FAILURE);
        List<TokenKind> every = Arrays.asList(TokenKind.values());
        String detail = failure != null ? failure
                : AuthProblems.missing(every, config.alternativeTokenHeader().orElse(null));
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(AuthProblems.unauthenticatedProblem(detail, List.of())
                    .withInstance(context.normalizedPath()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        if (!context.response().headWritten()) {
            context.response().setStatusCode(401)
                    .putHeader("WWW-Authenticate", AuthProblems.CHALLENGE)
                    .putHeader(HttpHeaders.CONTENT_TYPE, io.homefleet.common.contract.v1.Problem.MEDIA_TYPE)
                    .end(Buffer.buffer(body));
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenRequest.class);
    }
}
