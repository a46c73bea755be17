package io.homefleet.provisioning.lifecycle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Installer;
import io.homefleet.provisioning.support.JoinSetup;
import io.homefleet.provisioning.support.Names;
import io.homefleet.provisioning.support.ProvisioningJar;
import io.homefleet.provisioning.support.StandInHost;
import io.homefleet.provisioning.support.TestConfigFiles;
import io.homefleet.provisioning.support.TestHub;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged service is restarted with a host in every state of the lifecycle (one mid-join, held inside
 * {@code pvecm add}); after the restart each host carries on from where it was: the boot flow's next call is accepted,
 * and the joins resume to {@code ready}.
 */
class RestartMidFlowIT {

    @Test
    void everyHostResumesWhereItWasAfterARestart() throws Exception {
        new TestConfigFiles().start();
        Path dir = TestConfigFiles.dir();
        int sshPort = StandInHost.freePort();
        int port = StandInHost.freePort();
        List<AutoCloseable> cleanup = new ArrayList<>();
        try (TestHub hub = new TestHub(dir.resolve("hub")).start()) {
            hub.issueProvisioningKey(dir.resolve("provisioning.key"));
            TestConfigFiles.write(TestConfigFiles.config(hub.url(), sshPort, JoinSetup.NEW_HOST), TestConfigFiles.SERVER_TYPES);
            RestAssured.baseURI = "http://127.0.0.1";
            RestAssured.port = port;
            // The first run picks joins up only every 5 s, so a host that just phoned home is still in first_boot when it stops.
            ProvisioningJar first = new ProvisioningJar(dir.resolve("data"), TestConfigFiles.configFile(), port,
                    List.of("homefleet.provisioning.lifecycle.tick=5s", "homefleet.provisioning.lifecycle.lease=3s"));
            cleanup.add(first);
            first.start();

            Names.Machine registered = host("r-registered", false);
            Names.Machine pxeReady = host("r-pxeready", true);
            Names.Machine pxeBooted = host("r-pxebooted", true);
            given().get("/ipxe/" + pxeBooted.mac()).then().statusCode(200);
            Names.Machine installing = host("r-installing", true);
            JsonNode installingAnswer = Installer.answer(installing.mac());
            Names.Machine installed = host("r-installed", true);
            StandInHost installedHost = standIn(dir, "r-installed", 21, sshPort, cleanup);
            JsonNode installedAnswer = Installer.answer(installed.mac());
            installedHost.authorize(installedAnswer.at("/global/root-ssh-keys/0").asText());
            webhook(installed, installedAnswer, installedHost);

            Names.Machine joining = host("r-joining", true);
            StandInHost joiningHost = standIn(dir, "r-joining", 22, sshPort, cleanup);
            Files.writeString(joiningHost.state("hold-pvecm"), "held\n");
            Installer.install(joining.mac(), joiningHost, joiningHost.hostPublicKey());
            awaitStep(joining.hostname(), "join");

            Names.Machine firstBoot = host("r-firstboot", true);
            StandInHost firstBootHost = standIn(dir, "r-firstboot", 23, sshPort, cleanup);
            Installer.install(firstBoot.mac(), firstBootHost, firstBootHost.hostPublicKey());
            String firstBootAtStop = Api.state(firstBoot.hostname());
            first.stop();
            int pvecmCallsBeforeRestart = joiningHost.calls("pvecm").size();

            ProvisioningJar second = new ProvisioningJar(dir.resolve("data"), TestConfigFiles.configFile(), port,
                    List.of("homefleet.provisioning.lifecycle.tick=200ms", "homefleet.provisioning.lifecycle.lease=3s"));
            cleanup.add(second);
            second.start();
            Files.delete(joiningHost.state("hold-pvecm"));

            assertEquals("registered", Api.state(registered.hostname()));
            given().get("/ipxe/" + registered.mac()).then().body(not(containsString("kernel")));
            assertEquals("pxe_ready", Api.state(pxeReady.hostname()));
            given().get("/ipxe/" + pxeReady.mac()).then().body(containsString("proxmox-start-auto-installer"));
            assertEquals("pxe_booted", Api.state(pxeReady.hostname()));
            assertEquals("pxe_booted", Api.state(pxeBooted.hostname()));
            Installer.fetchAnswer(pxeBooted.mac()).then().statusCode(200);
            assertEquals("installing", Api.state(pxeBooted.hostname()));
            assertEquals("installing", Api.state(installing.hostname()));
            given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", installedHost.hostPublicKey(),
                            "127.0.0.9", installingAnswer.at("/post-installation-webhook/auth-token").asText()))
                    .post("/api/hosts/" + installing.hostname() + "/installed").then().statusCode(200);
            assertEquals("installed", Api.state(installing.hostname()));
            assertEquals("installed", Api.state(installed.hostname()));
            phoneHome(installed, installedAnswer, installedHost);

            assertEquals("ready", awaitEnd(joining.hostname()), () -> Api.operator().get("/api/v1/hosts/"
                    + joining.hostname()).asString());
            assertEquals("ready", awaitEnd(firstBoot.hostname()));
            assertEquals("ready", awaitEnd(installed.hostname()));
            List<String> joined = Api.operator().get("/api/v1/hosts/" + joining.hostname() + "/history").then()
                    .extract().path("to");
            assertEquals(1, joined.stream().filter("joining"::equals).count(), "resumed, not started over: " + joined);
            List<String> pvecm = joiningHost.calls("pvecm");
            assertEquals(List.of("status", "add " + StandInHost.EXISTING_NODE + " --fingerprint " + StandInHost.FINGERPRINT),
                    pvecm.subList(0, pvecmCallsBeforeRestart), "held inside pvecm add when it stopped");
            assertEquals("status", pvecm.get(pvecmCallsBeforeRestart),
                    "the resumed join first asks whether the node joined: " + pvecm);
            assertTrue(firstBootAtStop.equals("first_boot") || firstBootAtStop.equals("joining"), firstBootAtStop);
        } finally {
            for (AutoCloseable c : cleanup) {
                c.close();
            }
        }
    }

    static Names.Machine host(String prefix, boolean rebuild) {
        Names.Machine m = Names.next(prefix);
        Api.register(m, "minisforum-ms-01");
        if (rebuild) {
            Api.operator().post("/api/hosts/" + m.hostname() + "/rebuild").then().statusCode(200);
        }
        return m;
    }

    static StandInHost standIn(Path dir, String name, int last, int port, List<AutoCloseable> cleanup) {
        StandInHost host = new StandInHost(dir.resolve("hosts").resolve(name), "127.0.0." + last, port).start();
        cleanup.add(0, host);
        return host;
    }

    static void webhook(Names.Machine m, JsonNode answer, StandInHost host) {
        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", host.hostPublicKey(), host.address(),
                answer.at("/post-installation-webhook/auth-token").asText()))
                .post("/api/hosts/" + m.hostname() + "/installed").then().statusCode(200);
    }

    static void phoneHome(Names.Machine m, JsonNode answer, StandInHost host) {
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + answer.at("/post-installation-webhook/auth-token").asText())
                .body("{\"ip\":\"" + host.address() + "\",\"machine_id\":\"0123456789abcdef0123456789abcdef\"}")
                .post("/api/hosts/" + m.hostname() + "/phone-home").then().statusCode(200);
    }

    static void awaitStep(String id, String step) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (step.equals(Api.operator().get("/api/v1/hosts/" + id).then().extract().path("current_step"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " never reached step " + step + ": " + Api.operator().get("/api/v1/hosts/" + id).asString());
    }

    static String awaitEnd(String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String state = Api.state(id);
            if (state.equals("ready") || state.equals("failed")) {
                return state;
            }
            Thread.sleep(100);
        }
        return Api.state(id);
    }
}
