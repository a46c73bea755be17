package io.homefleet.agent.localapi.auth;

import io.homefleet.agent.config.AgentConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The two credential stores the local API accepts, located from agent.yaml. */
@Singleton
public class LocalApiCredentials {
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
}
