package io.homefleet.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where agent.yaml is: the one Quarkus setting the agent has of its own. */
@ConfigMapping(prefix = "homefleet.agent")
public interface AgentConfigLocation {
    @WithDefault("/etc/homefleet-agent/agent.yaml")
    Path configFile();
}
