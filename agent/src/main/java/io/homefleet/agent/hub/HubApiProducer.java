package io.homefleet.agent.hub;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubHttpClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one hub client of the agent (host reports, guests' customer keys), as agent.yaml's hub block sets it up. Each
 * call passes the host key read from its file at that moment, so a rotation needs no restart.
 */
@Singleton
public class HubApiProducer {
    @Produces
    @Singleton
    HubApi hubApi(AgentConfig config) {
        try {
            return HubHttpClient.create(config.hub().connection());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the hub client: " + e.getMessage(), e);
        }
    }
}
