package io.homefleet.controller.web;

import io.homefleet.controller.support.AgentJar;
import io.homefleet.controller.support.PodmanService;
import io.homefleet.common.testing.RealHub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

/**
 * A configured controller for the page tests: the real hub (its jar, embedded PostgreSQL) with a customer and its
 * key, the real agent (its jar with the pvesh stand-in) with a guest token it minted, and, where Podman is
 * installed, two app containers behind its Docker-compatible API; controller.yaml points at all three, so the pages
 * show what the real core gathers. With {@code password_hash} set (init arg), the pages need sign-in.
 */
public class ControllerWithHub implements QuarkusTestResourceLifecycleManager {
    public static final String CUSTOMER = "ui-demo";
    public static final String HOST_NAME = "felhom." + CUSTOMER + ".example";

    public static final int VMID = 9200;
    private RealHub hub;
    private AgentJar agent;
    private PodmanService podman;
    private String passwordHash;
    private String sessionSecret;

    @Override
    public void init(Map<String, String> initArgs) {
        passwordHash = initArgs.get("password_hash");
        sessionSecret = initArgs.get("session_secret");
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Path.of("target", "ui-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
            hub = RealHub.plainHttp(dir.resolve("hub")).start();
            Path key = hub.customerWithKey(CUSTOMER, dir);
            agent = new AgentJar(dir.resolve("agent"));
            Path guestToken = dir.resolve("guest.token");
            Files.writeString(guestToken, agent.mintGuestToken(VMID) + "\n");
            Files.setPosixFilePermissions(guestToken, PosixFilePermissions.fromString("rw-------"));
            agent.start();
            Path dockerSocket = dir.resolve("no-docker.sock");
            if (PodmanService.available()) {
                // podman refuses a run root path longer than 50 characters: a short relative directory
                podman = new PodmanService(Path.of("target", "pod-" + UUID.randomUUID().toString().substring(0, 6))).start();
                podman.runContainer("nextcloud", "true", "sleep", "3600");
                podman.runContainer("adatbazis", null, "sleep", "3600");
                podman.healthcheck("nextcloud");
                dockerSocket = podman.socket();
            }
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
                    local_api:
                      endpoint: %s
                      fingerprint: %s
                      token_file: %s
                      vmid: %d
                    web:
                      listen: 127.0.0.1:8080
                    %s
                    docker:
                      socket: %s
                    intervals:
                      report: 1h
                      desired_state: 1h
                    state_dir: %s
                    """.formatted(CUSTOMER, CUSTOMER, hub.url, key, agent.endpoint(), agent.fingerprint(), guestToken, VMID,
                    (passwordHash == null ? "" : "  password_hash: \"" + passwordHash + "\"\n")
                            + (sessionSecret == null ? "" : "  session_secret: \"" + sessionSecret + "\""),
                    dockerSocket, dir.resolve("state")));
            return Map.of("homefleet.controller.config-file", config.toString(),
                    "homefleet.controller.bootstrap-file", dir.resolve("bootstrap.json").toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the hub for the page tests", e);
        }
    }

    @Override
    public void stop() {
        if (podman != null) {
            podman.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.stop();
        }
    }
}
