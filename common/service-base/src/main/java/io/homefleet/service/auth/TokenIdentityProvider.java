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
        java.util.function.Supplier<SecurityIdentity> lookup = () -> stores.get().authenticate(request.token())
                .filter(caller -> caller.kind() == kind)
                .map(TokenIdentities::of)
                .orElseThrow(() -> new AuthenticationFailedException(AuthProblems.unknown(kind)));
        // Already on a worker (a blocking endpoint): look up here rather than hop to another worker and back.
        return io.vertx.core.Context.isOnEventLoopThread() ? context.runBlocking(lookup)
                : Uni.createFrom().item(lookup);
    }
}
