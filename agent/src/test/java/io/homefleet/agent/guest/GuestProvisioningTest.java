package io.homefleet.agent.guest;

import io.homefleet.service.tls.Fingerprint;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.agent.testsupport.TestEnv;
import io.homefleet.common.contract.v1.GuestBootstrap;
import io.homefleet.common.json.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Customer guests from a golden archive, against the pvesh stand-in and the hub stand-in. */
@QuarkusTest
class GuestProvisioningTest {

    @Test
    void aGuestIsRestoredBootstrappedWithTheCustomerKeyMountedAndThenStarted() throws Exception {
        provision(9200, "demo-felhom");
        JsonPath status = awaitState(9200, "done");
        assertEquals(List.of("done", "done", "done", "done", "done"), status.getList("steps.state"));

        Path bootstrapDir = TestEnv.config().stateDir().resolve("guests/9200/bootstrap");
        Path file = bootstrapDir.resolve("bootstrap.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(100000, Files.getAttribute(file, "unix:uid"), "owned by the unprivileged guest's root");
        GuestBootstrap bootstrap = Json.mapper().readValue(file.toFile(), GuestBootstrap.class);
        assertEquals("demo-felhom", bootstrap.customer().id());
        assertEquals(TestEnv.hubUrl(), bootstrap.hub().url());
        JsonNode issued = TestEnv.hubIssuedCustomerKeys();
        assertEquals(issued.get(issued.size() - 1).asText(), bootstrap.hub().customerKey(),
                "the bootstrap carries the key the hub issued for this customer");
        assertEquals("192.0.2.10:8443", bootstrap.localApi().endpoint());
        assertEquals(Fingerprint.of(TestEnv.config().tlsCertFile()).toString(), bootstrap.localApi().fingerprint());

        // The seed's 2a: the token minted during provisioning works at once against the running daemon.
        given().auth().oauth2(bootstrap.localApi().token()).when().get("/storage").then().statusCode(200);
        given().auth().oauth2(bootstrap.localApi().token()).when().get("/guests/9200").then().statusCode(200);

        // The seed's 3.5: the host key is written nowhere a guest (or anyone) could pick it up.
        assertHostKeyWrittenNowhere();
        assertFalse(Files.exists(TestEnv.config().stateDir().resolve("guests/9200/customer.key")),
                "the customer key lives only in bootstrap.json once provisioning is done");

        JsonNode container = TestEnv.pveshState().path("containers").path("9200");
        JsonNode config = container.path("config");
        assertEquals(1, config.path("unprivileged").asInt());
        assertEquals("keyctl=1,nesting=1", config.path("features").asText());
        assertTrue(config.path("hookscript").isMissingNode(), "the golden's hookscript is removed");
        assertTrue(config.path("dev0").isMissingNode(), "the golden's device passthrough is removed");
        assertEquals(bootstrapDir.toAbsolutePath() + ",mp=/etc/homefleet-bootstrap,ro=1", config.path("mp9").asText());
        assertEquals("running", container.path("status").asText());
        assertEquals(1, container.path("starts").size(), "started exactly once");
        assertTrue(container.path("starts").get(0).toString().contains("mp9"),
                "the bootstrap mount existed at first start, so no reboot is needed");

        List<JsonNode> calls = callsFor("9200");
        JsonNode restore = TestEnv.pveshCalls().stream()
                .filter(c -> c.path("verb").asText().equals("create") && c.path("path").asText().equals("/nodes/pve/lxc")
                        && c.path("params").path("vmid").asText().equals("9200"))
                .findFirst().orElseThrow();
        assertEquals(TestEnv.GOLDEN_ARCHIVE, restore.path("params").path("ostemplate").asText());
        assertEquals("1", restore.path("params").path("restore").asText());
        assertEquals("1", restore.path("params").path("unprivileged").asText());
        assertEquals("local-lvm", restore.path("params").path("storage").asText());
        assertEquals("felhom-demo", restore.path("params").path("hostname").asText());
        int mountCall = indexOf(calls, "set", "mp9");
        int startCall = indexOf(calls, "create", "/status/start");
        assertTrue(mountCall >= 0 && startCall > mountCall, "mount before start: " + calls);
    }

    @Test
    void provisioningTheSameGuestAgainChangesNothingAndADifferentRequestConflicts() {
        provision(9201, "acme");
        awaitState(9201, "done");
        long callsBefore = TestEnv.pveshCalls().size();
        given().auth().oauth2(TestEnv.operatorToken()).contentType(ContentType.JSON).body(body(9201, "acme", "acme-host"))
                .when().post("/guests").then().statusCode(200).body("state", equalTo("done"));
        assertEquals(callsBefore, TestEnv.pveshCalls().size(), "a finished guest is not touched again");
        given().auth().oauth2(TestEnv.operatorToken()).contentType(ContentType.JSON).body(body(9201, "other", "other-host"))
                .when().post("/guests").then().statusCode(409)
                .body("detail", containsString("already requested for customer acme"));
    }

    @Test
    void aFailedCustomerKeyStepSaysWhyAndResumes() {
        TestEnv.failNextHubCall("/api/v1/hosts/" + TestEnv.HOST_ID + "/guests/9210/customer-key", 503);
        provision(9210, "resume-key");
        JsonPath failed = awaitState(9210, "failed");
        assertEquals("failed", failed.getString("steps[0].state"));
        assertTrue(failed.getString("steps[0].detail").contains("HTTP 503"), failed.prettify());
        assertEquals("pending", failed.getString("steps[1].state"));
        provision(9210, "resume-key");
        awaitState(9210, "done");
    }

    @Test
    void aCustomerTheOperatorDidNotPlaceOnThisGuestIsRefusedByTheHubInItsWords() {
        TestEnv.placeOnHub("placed-elsewhere", 9299);
        int status = given().auth().oauth2(TestEnv.operatorToken()).contentType(ContentType.JSON)
                .body(body(9216, "placed-elsewhere", "placed-elsewhere-host")).when().post("/guests").then()
                .extract().statusCode();
        assertTrue(status == 202, "POST /guests answered " + status);
        JsonPath failed = awaitState(9216, "failed");
        assertEquals("failed", failed.getString("steps[0].state"));
        assertTrue(failed.getString("steps[0].detail").contains("HTTP 403")
                && failed.getString("steps[0].detail").contains("as vmid 9299, not on host"), failed.prettify());
        assertEquals("pending", failed.getString("steps[1].state"), "nothing is restored without the customer's key");
    }

    @Test
    void aFailedRestoreSaysWhyAndResumes() {
        TestEnv.failNextPvesh("create", "/nodes/pve/lxc", "storage 'local-lvm' is not online");
        provision(9211, "resume-restore");
        JsonPath failed = awaitState(9211, "failed");
        assertEquals("done", failed.getString("steps[0].state"));
        assertEquals("failed", failed.getString("steps[1].state"));
        assertTrue(failed.getString("steps[1].detail").contains("storage 'local-lvm' is not online"), failed.prettify());
        int keysBefore = TestEnv.hubIssuedCustomerKeys().size();
        provision(9211, "resume-restore");
        awaitState(9211, "done");
        assertEquals(keysBefore, TestEnv.hubIssuedCustomerKeys().size(), "a finished step is not repeated");
    }

    @Test
    void aFailedBootstrapSaysWhyAndResumes() throws IOException {
        Path blocker = TestEnv.config().stateDir().resolve("guests/9212/bootstrap");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "a file where the bootstrap directory belongs");
        provision(9212, "resume-bootstrap");
        JsonPath failed = awaitState(9212, "failed");
        assertEquals("failed", failed.getString("steps[2].state"), failed.prettify());
        assertNotNull(failed.getString("steps[2].detail"));
        Files.delete(blocker);
        provision(9212, "resume-bootstrap");
        awaitState(9212, "done");
        assertTrue(Files.exists(blocker.resolve("bootstrap.json")));
    }

    @Test
    void aFailedMountSaysWhyAndResumes() {
        TestEnv.failNextPvesh("set", "/nodes/pve/lxc/9213/config", "mp9", "unable to parse mount point");
        provision(9213, "resume-mount");
        JsonPath failed = awaitState(9213, "failed");
        assertEquals("failed", failed.getString("steps[3].state"), failed.prettify());
        assertTrue(failed.getString("steps[3].detail").contains("unable to parse mount point"));
        assertEquals("stopped", TestEnv.pveshState().path("containers").path("9213").path("status").asText(),
                "a guest without its bootstrap mount is never started");
        provision(9213, "resume-mount");
        awaitState(9213, "done");
    }

    @Test
    void aFailedStartSaysWhyAndResumes() {
        TestEnv.failNextPvesh("create", "/nodes/pve/lxc/9214/status/start", "startup for container '9214' failed");
        provision(9214, "resume-start");
        JsonPath failed = awaitState(9214, "failed");
        assertEquals("failed", failed.getString("steps[4].state"), failed.prettify());
        assertTrue(failed.getString("steps[4].detail").contains("startup for container '9214' failed"));
        provision(9214, "resume-start");
        awaitState(9214, "done");
        assertEquals("running", TestEnv.pveshState().path("containers").path("9214").path("status").asText());
    }

    @Test
    void aVmidThatBelongsToSomethingElseIsNotTakenOver() throws IOException {
        TestEnv.addForeignContainer(9215, "someone-elses-vm");
        provision(9215, "takeover");
        JsonPath failed = awaitState(9215, "failed");
        assertEquals("failed", failed.getString("steps[1].state"), failed.prettify());
        assertTrue(failed.getString("steps[1].detail").contains("vmid 9215 already exists and is not this guest"),
                failed.prettify());
        JsonNode container = TestEnv.pveshState().path("containers").path("9215");
        assertEquals("someone-elses-vm", container.path("config").path("hostname").asText());
        assertTrue(container.path("config").path("mp9").isMissingNode(), "nothing was attached to the foreign guest");
    }

    @Test
    void invalidRequestsAreRefusedWithFieldErrors() {
        given().auth().oauth2(TestEnv.operatorToken()).contentType(ContentType.JSON)
                .body("{\"vmid\":5,\"archive\":\"no volid\",\"customer\":{\"id\":\"Bad Id\",\"domain\":\"x\",\"name\":\"\"},"
                        + "\"hostname\":\"bad_host\"}")
                .when().post("/guests").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("vmid"))
                .body("errors.field", hasItem("archive"))
                .body("errors.field", hasItem("hostname"))
                .body("errors.field", hasItem("customer.id"));
        given().auth().oauth2(TestEnv.operatorToken()).when().get("/guests/4242").then().statusCode(404);
    }

    private static void provision(int vmid, String customer) {
        TestEnv.placeOnHub(customer, vmid);
        int status = given().auth().oauth2(TestEnv.operatorToken()).contentType(ContentType.JSON)
                .body(body(vmid, customer, vmid == 9200 ? "felhom-demo" : customer + "-host"))
                .when().post("/guests").then().extract().statusCode();
        assertTrue(status == 202 || status == 200, "POST /guests answered " + status);
    }

    private static String body(int vmid, String customer, String hostname) {
        return """
                {"vmid":%d,"archive":"%s","customer":{"id":"%s","domain":"%s.example.eu","name":"Customer %s"},
                 "hostname":"%s"}""".formatted(vmid, TestEnv.GOLDEN_ARCHIVE, customer, customer, customer, hostname);
    }

    private static JsonPath awaitState(int vmid, String wanted) {
        // Generous: the pvesh stand-in is a process per call, slow on a loaded machine; a failure ends the wait early.
        long deadline = System.currentTimeMillis() + 120_000;
        JsonPath status = null;
        while (System.currentTimeMillis() < deadline) {
            status = given().auth().oauth2(TestEnv.operatorToken()).when().get("/guests/" + vmid)
                    .then().statusCode(200).extract().jsonPath();
            String state = status.getString("state");
            if (state.equals(wanted)) {
                return status;
            }
            if (state.equals("done") || state.equals("failed")) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("guest " + vmid + " did not reach " + wanted + ": " + (status == null ? "" : status.prettify()));
    }

    private static void assertHostKeyWrittenNowhere() throws IOException {
        String hostKey = TestEnv.hostKey();
        Path state = TestEnv.config().stateDir();
        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(hostKey),
                        "the host key was written to " + file);
            }
        }
    }

    private static List<JsonNode> callsFor(String vmid) {
        return TestEnv.pveshCalls().stream().filter(c -> c.path("path").asText().contains("/lxc/" + vmid + "/")
                || c.path("params").path("vmid").asText().equals(vmid)).toList();
    }

    private static int indexOf(List<JsonNode> calls, String verb, String marker) {
        for (int i = 0; i < calls.size(); i++) {
            JsonNode c = calls.get(i);
            if (c.path("verb").asText().equals(verb)
                    && (c.path("path").asText().contains(marker) || c.path("params").has(marker))) {
                return i;
            }
        }
        return -1;
    }
}
