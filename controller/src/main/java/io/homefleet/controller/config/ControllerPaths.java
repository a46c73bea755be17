package io.homefleet.controller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where controller.yaml and the agent's bootstrap file are: the controller's own Quarkus settings. */
@ConfigMapping(prefix = "homefleet.controller")
public interface ControllerPaths {
    /** controller.yaml; {@code --config FILE} sets it. */
    @WithDefault("/etc/homefleet-controller/controller.yaml")
    Path configFile();

    /** The agent's bootstrap.json (read-only mount); {@code --bootstrap FILE} sets it. */
    @WithDefault("/etc/homefleet-bootstrap/bootstrap.json")
    Path bootstrapFile();
}
