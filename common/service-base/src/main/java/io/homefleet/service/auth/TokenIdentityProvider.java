package io.homefleet.service.auth;


import io.homefleet.common.credential.TokenKind;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/** Checks a token against the service's {@link TokenStore}, off the event loop (the hub's store asks PostgreSQL). */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenRequest> {
    @Inject
    Instance<TokenStore> stores;

    @Override
    public Class<TokenRequest> getRequestType() {
        return TokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenRequest request, AuthenticationRequestContext context) {
        TokenKind kind = TokenKind.of(request.token()).orElseThrow();
        TokenStore store = stores.get();
        java.util.function.Function<Optional<Caller>, SecurityIdentity> identity = found -> found
                .filter(caller -> caller.kind() == kind)
                .map(TokenIdentities::of)
                .orElseThrow(() -> new AuthenticationFailedException(AuthProblems.unknown(kind)));
        if (!io.vertx.core.Context.isOnEventLoopThread()) {
            // Already on a worker (a blocking endpoint): look up here rather than hop to another worker and back.
            return Uni.createFrom().item(() -> identity.apply(store.authenticate(request.token())));
        }
        // On the event loop: a token the store remembers needs no worker at all (the hot path of polls and ingest).
        Optional<Optional<Caller>> remembered = store.remembered(request.token());
        if (remembered.isPresent()) {
            return Uni.createFrom().item(() -> identity.apply(remembered.get()));
        }
        return context.runBlocking(() -> identity.apply(store.authenticate(request.token())));
    }
}
