package io.homefleet.controller.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** A controller with neither controller.yaml nor bootstrap, in a fresh directory: setup mode. */
public class SetupMode implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Path dir = Path.of("target", "setup-mode-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        return Map.of("homefleet.controller.config-file", dir.resolve("etc/controller.yaml").toString(),
                "homefleet.controller.bootstrap-file", dir.resolve("bootstrap/bootstrap.json").toString(),
                "test.setup-dir", dir.toString());
    }

    @Override
    public void stop() {
    }
}
