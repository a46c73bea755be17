package io.homefleet.provisioning.join;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Installer;
import io.homefleet.provisioning.support.JoinSetup;
import io.homefleet.provisioning.support.Names;
import io.homefleet.provisioning.support.StandInHost;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * From a rebuild to {@code ready} against a real sshd (stand-in pvecm, systemctl and sensor-proxy behind it) and the
 * real hub jar: host key pinned from the webhook, the join with the password on stdin, the hand-over with the hub
 * provisioning key, the ephemeral key removed; failures show step, exit status and output, and retry resumes.
 */
@QuarkusTest
class JoinFlowTest {
    @Inject
    ProvisioningConfig config;

    @BeforeEach
    void hubAndConfig() throws Exception {
        JoinSetup.ensure(config, "");
    }

    static String await(String hostId, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String now = Api.state(hostId);
        while (!now.equals(state) && System.nanoTime() < deadline) {
            if (now.equals("failed") || now.equals("ready")) {
                break;
            }
            Thread.sleep(200);
            now = Api.state(hostId);
        }
        return now;
    }

    static Names.Machine rebuilt(String prefix) {
        Names.Machine m = Names.next(prefix);
        Api.register(m, "minisforum-ms-01");
        Api.operator().post("/api/hosts/" + m.hostname() + "/rebuild").then().statusCode(200);
        io.restassured.RestAssured.given().get("/ipxe/" + m.mac()).then().statusCode(200)
                .body(containsString("proxmox-start-auto-installer"));
        return m;
    }

    @Test
    void aRebuiltHostJoinsIsHandedToTheHubAndLosesItsEphemeralKey() throws Exception {
        Names.Machine m = rebuilt("join");
        try (StandInHost host = JoinSetup.host(m.hostname())) {
            Installer.install(m.mac(), host, host.hostPublicKey());
            assertEquals("ready", await(m.hostname(), "ready", Duration.ofSeconds(60)), () -> failure(m.hostname()));

            assertEquals(List.of("status", "add " + StandInHost.EXISTING_NODE + " --fingerprint " + StandInHost.FINGERPRINT),
                    host.calls("pvecm"));
            assertEquals(List.of("enable --now homefleet-agent"), host.calls("systemctl"));
            assertEquals(1, host.calls("sensor-proxy").size());
            assertTrue(host.calls("sensor-proxy").get(0).startsWith("register --hub " + JoinSetup.hub().url()
                    + " --host-key-file etc/homefleet-agent/host.key"), host.calls("sensor-proxy").toString());

            String agentYaml = Files.readString(host.file("etc/homefleet-agent/agent.yaml"));
            assertTrue(agentYaml.contains("host_id: \"" + m.hostname() + "\""), agentYaml);
            assertTrue(agentYaml.contains("url: \"" + JoinSetup.hub().url() + "\""), agentYaml);
            assertTrue(agentYaml.contains("node: \"pve-ms-" + m.hostname() + "\""), agentYaml);
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(host.file("etc/homefleet-agent/agent.yaml"))));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(host.file("etc/homefleet-agent/host.key"))));
            String hostKey = Files.readString(host.file("etc/homefleet-agent/host.key")).strip();
            assertTrue(hostKey.startsWith("hfh_"), "a host key on the host");

            // The hub knows the host, in its cluster at its address, and the key written to the host is its key.
            HttpResponse<String> onHub = JoinSetup.hub().get("/api/v1/hosts/" + m.hostname());
            assertEquals(200, onHub.statusCode(), onHub.body());
            JsonPath hubHost = JsonPath.from(onHub.body());
            assertEquals("homelab", hubHost.getString("cluster"));
            assertEquals(List.of(host.address()), hubHost.getList("addresses"));
            HttpResponse<String> keys = JoinSetup.hub().get("/api/v1/hosts/" + m.hostname() + "/keys");
            assertEquals(1, JsonPath.from(keys.body()).getList("$").size(), keys.body());
            HttpResponse<String> asHost = JoinSetup.hub().getWith(hostKey, "/api/v1/hosts/" + m.hostname());
            assertEquals(403, asHost.statusCode(), "the key is a host key, which the operator API refuses by kind");

            // The ephemeral key is gone from the host (the operator's own key stays) and from provisioning.
            String authorized = Files.readString(host.authorizedKeys());
            assertFalse(authorized.contains("homefleet-provisioning@"), authorized);
            assertTrue(authorized.contains("operator@laptop"), authorized);
            Api.operator().get("/api/v1/hosts/" + m.hostname()).then().body("ephemeral_key_held", equalTo(false))
                    .body("ssh_host_keys_pinned", equalTo(true));
            List<String> path = Api.operator().get("/api/v1/hosts/" + m.hostname() + "/history").then().extract()
                    .path("to");
            assertEquals(List.of("registered", "pxe_ready", "pxe_booted", "installing", "installed", "first_boot",
                    "joining", "ready"), path);
        }
    }

    @Test
    void aHostPresentingAnotherHostKeyIsRefusedAndFailed() throws Exception {
        Names.Machine m = rebuilt("mitm");
        try (StandInHost host = JoinSetup.host(m.hostname()); StandInHost other = JoinSetup.host(m.hostname() + "-other")) {
            Installer.install(m.mac(), host, other.hostPublicKey());
            assertEquals("failed", await(m.hostname(), "failed", Duration.ofSeconds(60)));
            Api.operator().get("/api/v1/hosts/" + m.hostname()).then()
                    .body("failure.state", equalTo("joining")).body("failure.step", equalTo("connect"))
                    .body("failure.reason", containsString("is not the one the installer reported"));
            assertEquals(List.of(), host.calls("pvecm"), "nothing ran on a host whose key did not match");
        }
    }

    @Test
    void aFailedJoinShowsExitStatusAndOutputWithoutThePasswordAndRetryResumes() throws Exception {
        Names.Machine m = rebuilt("retry");
        try (StandInHost host = JoinSetup.host(m.hostname())) {
            host.failOnDemand("pvecm", 255, "unable to add node: cluster not ready - no quorum? (" + StandInHost.ROOT_PASSWORD + ")");
            Installer.install(m.mac(), host, host.hostPublicKey());
            assertEquals("failed", await(m.hostname(), "failed", Duration.ofSeconds(60)));
            JsonPath failed = Api.operator().get("/api/v1/hosts/" + m.hostname()).then().extract().jsonPath();
            assertEquals("join", failed.getString("failure.step"));
            assertEquals(255, failed.getInt("failure.exit_status"));
            assertTrue(failed.getString("failure.output").contains("no quorum"), failed.prettify());
            assertTrue(failed.getString("failure.output").contains("Login succeeded."), failed.prettify());
            assertFalse(failed.prettify().contains(StandInHost.ROOT_PASSWORD), "the password is never shown");
            assertTrue(host.calls("pvecm").stream().noneMatch(c -> c.contains(StandInHost.ROOT_PASSWORD)));

            host.clearFailure("pvecm");
            Api.operator().post("/api/v1/hosts/" + m.hostname() + "/retry").then().statusCode(200)
                    .body("state", equalTo("joining"));
            assertEquals("ready", await(m.hostname(), "ready", Duration.ofSeconds(60)), () -> failure(m.hostname()));
            assertEquals(2, host.calls("pvecm").stream().filter(c -> c.startsWith("add ")).count());
        }
    }

    @Test
    void aFailedHandOverResumesWithoutJoiningAgain() throws Exception {
        Names.Machine m = rebuilt("handover");
        try (StandInHost host = JoinSetup.host(m.hostname())) {
            host.failOnDemand("sensor-proxy", 1, "sensor-proxy: the hub refused the registration: HTTP 503");
            Installer.install(m.mac(), host, host.hostPublicKey());
            assertEquals("failed", await(m.hostname(), "failed", Duration.ofSeconds(60)));
            Api.operator().get("/api/v1/hosts/" + m.hostname()).then().body("failure.step", equalTo("sensor-proxy"))
                    .body("failure.exit_status", equalTo(1)).body("failure.output", containsString("HTTP 503"));
            String firstKey = Files.readString(host.file("etc/homefleet-agent/host.key")).strip();
            assertEquals(403, JoinSetup.hub().getWith(firstKey, "/api/v1/hosts/" + m.hostname()).statusCode(),
                    "the first attempt's key is valid on the hub (a host key, refused by kind only)");
            host.clearFailure("sensor-proxy");
            Api.operator().post("/api/hosts/" + m.hostname() + "/retry").then().statusCode(200);
            assertEquals("ready", await(m.hostname(), "ready", Duration.ofSeconds(60)), () -> failure(m.hostname()));
            assertEquals(1, host.calls("pvecm").stream().filter(c -> c.startsWith("add ")).count(),
                    "the node had joined; the resumed run saw that in pvecm status and did not add it again");
            assertEquals(2, host.calls("sensor-proxy").size());

            // The retried hand-over revoked the key the first attempt had issued: only the key on the host works.
            String secondKey = Files.readString(host.file("etc/homefleet-agent/host.key")).strip();
            assertFalse(secondKey.equals(firstKey), "the retry wrote a new key");
            assertEquals(401, JoinSetup.hub().getWith(firstKey, "/api/v1/hosts/" + m.hostname()).statusCode(),
                    "the first attempt's key is revoked on the hub");
            assertEquals(403, JoinSetup.hub().getWith(secondKey, "/api/v1/hosts/" + m.hostname()).statusCode());
            JsonPath keys = JsonPath.from(JoinSetup.hub().get("/api/v1/hosts/" + m.hostname() + "/keys").body());
            List<Boolean> active = keys.getList("active");
            assertEquals(2, active.size(), keys.prettify());
            assertEquals(1, active.stream().filter(a -> a).count(), "one key active, the first attempt's revoked");
        }
    }

    static String failure(String hostId) {
        return Api.operator().get("/api/v1/hosts/" + hostId).asString();
    }
}
