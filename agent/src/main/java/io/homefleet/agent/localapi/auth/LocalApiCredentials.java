package io.homefleet.agent.localapi.auth;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.service.auth.Caller;
import io.homefleet.service.auth.TokenStore;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The two credential stores the local API accepts, located from agent.yaml: the agent's token store for the shared
 * bearer-token mechanism. Other kinds (a host or customer key) are not kept here and are refused naming both kinds.
 */
@Singleton
public class LocalApiCredentials implements TokenStore {
    private final GuestTokenStore guests;
    private final OperatorCredential operator;

    @Inject
    public LocalApiCredentials(AgentConfig config) {
        this.guests = new GuestTokenStore(guestTokenFile(config));
        this.operator = new OperatorCredential(config.operatorTokenHashFile());
    }

    public static java.nio.file.Path guestTokenFile(AgentConfig config) {
        return config.stateDir().resolve("guest-tokens.log");
    }

    public GuestTokenStore guests() {
        return guests;
    }

    public OperatorCredential operator() {
        return operator;
    }

    @Override
    public boolean verifies(TokenKind kind) {
        return kind == TokenKind.GUEST || kind == TokenKind.OPERATOR;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return switch (TokenKind.of(token).orElseThrow()) {
            case OPERATOR -> operator.matches(token) ? Optional.of(Caller.operator()) : Optional.empty();
            case GUEST -> guests.vmidOf(token).map(Caller::guest);
            default -> Optional.empty();
        };
    }
}
