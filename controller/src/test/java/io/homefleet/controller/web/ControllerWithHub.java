package io.homefleet.controller.web;

import io.homefleet.controller.support.RealHub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A configured controller for the page tests: the real hub (its jar, embedded PostgreSQL) with a customer and its
 * key, and a controller.yaml pointing at it, so the pages show what the real core reports. With
 * {@code password_hash} set (init arg), the pages need sign-in.
 */
public class ControllerWithHub implements QuarkusTestResourceLifecycleManager {
    public static final String CUSTOMER = "ui-demo";
    public static final String HOST_NAME = "felhom." + CUSTOMER + ".example";

    private RealHub hub;
    private String passwordHash;

    @Override
    public void init(Map<String, String> initArgs) {
        passwordHash = initArgs.get("password_hash");
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Path.of("target", "ui-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
            hub = new RealHub(dir.resolve("hub")).start();
            Path key = hub.customerWithKey(CUSTOMER, dir);
            Path config = dir.resolve("controller.yaml");
            Files.writeString(config, """
                    customer:
                      id: %s
                      name: Minta Kft.
                      domain: %s.example
                    hub:
                      url: %s
                      customer_key_file: %s
                      allow_plain_http: true
                    web:
                      listen: 127.0.0.1:8080
                    %s
                    docker:
                      socket: %s
                    intervals:
                      report: 1h
                      desired_state: 1h
                    state_dir: %s
                    """.formatted(CUSTOMER, CUSTOMER, hub.url, key,
                    passwordHash == null ? "" : "  password_hash: \"" + passwordHash + "\"",
                    dir.resolve("no-docker.sock"), dir.resolve("state")));
            return Map.of("homefleet.controller.config-file", config.toString(),
                    "homefleet.controller.bootstrap-file", dir.resolve("bootstrap.json").toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the hub for the page tests", e);
        }
    }

    @Override
    public void stop() {
        if (hub != null) {
            hub.stop();
        }
    }
}
