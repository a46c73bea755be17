package io.homefleet.agent.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the parsed agent.yaml injectable. */
@Singleton
public class AgentConfigProducer {

    @Produces
    @Singleton
    AgentConfig agentConfig(AgentConfigLocation location) {
        return AgentConfigLoader.load(location.configFile());
    }
}
