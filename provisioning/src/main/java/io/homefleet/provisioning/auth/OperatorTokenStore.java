package io.homefleet.provisioning.auth;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.service.auth.Caller;
import io.homefleet.service.auth.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Provisioning's only bearer token is the operator's: kept here as its SHA-256 (set at start by
 * {@link OperatorTokenBootstrap}) and compared in constant time. Installers and new hosts use per-rebuild boot tokens
 * checked by the boot endpoints themselves.
 */
@ApplicationScoped
public class OperatorTokenStore implements TokenStore {
    private volatile byte[] operatorHash;

    void use(String operatorToken) {
        operatorHash = Tokens.sha256(operatorToken);
    }

    @Override
    public boolean verifies(TokenKind kind) {
        return kind == TokenKind.OPERATOR;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return remembered(token).orElse(Optional.empty());
    }

    @Override
    public Optional<Optional<Caller>> remembered(String token) {
        byte[] hash = operatorHash;
        boolean ok = hash != null && TokenKind.of(token).orElse(null) == TokenKind.OPERATOR && Tokens.matches(token, hash);
        return Optional.of(ok ? Optional.of(Caller.operator()) : Optional.empty());
    }
}
