package io.homefleet.controller.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.controller.runtime.ControllerRuntime;
import io.homefleet.controller.support.WithAgent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The controller against the real agent jar (pvesh stand-in for Proxmox): the channel is verified over the pinned
 * certificate with the guest token; host card, disks and storage paths come through the controller's API; a
 * data-bearing device's format refusal is a 409 carrying the pending operation; an unknown token says what to do and
 * the channel recovers without any restart once the token is known (the seed's 2a).
 */
@QuarkusTest
@QuarkusTestResource(value = WithAgent.class, restrictToAnnotatedClass = true)
class AgentLinkApiTest {
    @Inject
    ControllerRuntime runtime;

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    @Test
    void hostCardDisksAndStoragePathsComeFromTheAgent() {
        runtime.agent().check();
        assertEquals("ok", runtime.agentLink().state(), runtime.agentLink().message());
        given().get("/api/host-metrics").then().statusCode(200)
                .body("host_id", equalTo("pve-ctl-test"))
                .body("memory_total", notNullValue())
                .body("uptime", notNullValue());
        given().get("/api/disks").then().statusCode(200)
                .body("host_scope", equalTo("pve-ctl-test"))
                .body("disks.size()", org.hamcrest.Matchers.greaterThan(0));
        given().get("/api/storage").then().statusCode(200)
                .body("storages.name", hasItem("tank"))
                .body("storages.path", hasItem(config("test.tank-dir")));
        int listed = given().get("/api/storage").then().extract().path("storages.size()");
        assertTrue(listed > 1, "the stand-in host has more than one storage");
        assertEquals(listed, runtime.storages().size(), "the state keeps every storage, not one");
        assertEquals(config("test.tank-dir"), runtime.preferredStorage().orElseThrow().path(),
                "the directory storage with the most room is the one apps and backups use");
        assertTrue(runtime.hostMetrics().isPresent() && runtime.disks().isPresent());
        given().get("/api/status").then().statusCode(200)
                .body("configured", equalTo(true))
                .body("identity.customer_id", equalTo("demo-felhom"))
                .body("agent_link.state", equalTo("ok"));
    }

    @Test
    void aDataBearingDeviceIsRefusedWith409AndThePendingOperation() {
        String device = config("test.loop-device");
        Assumptions.assumeTrue(!device.isBlank(), "this machine allows no loop devices");
        given().contentType(ContentType.JSON).body("{\"device\":\"" + device + "\",\"fstype\":\"ext4\"}")
                .post("/api/disks/format").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:format-refused"))
                .body("formatted", equalTo(false))
                .body("data_bearing", equalTo(true))
                .body("approvable", equalTo(true))
                .body("pending_op.op", equalTo("storage_wipe"))
                .body("pending_op.host_scope", equalTo("pve-ctl-test"))
                .body("pending_op.fstype", equalTo("ext4"))
                .body("detail", org.hamcrest.Matchers.containsString("approve"));
    }

    @Test
    void badFormatRequestsAre400WithTheFieldNamed() {
        given().contentType(ContentType.JSON).body("{\"device\":\"sdb; rm -rf /\",\"fstype\":\"ntfs\"}")
                .post("/api/disks/format").then().statusCode(400)
                .body("errors.field", hasItem("device"))
                .body("errors.field", hasItem("fstype"));
    }

    @Test
    void anUnknownTokenSaysWhatToDoAndTheChannelRecoversByItself() throws Exception {
        Path tokenFile = Path.of(config("test.token-file"));
        String good = Files.readString(tokenFile);
        try {
            Files.writeString(tokenFile, Tokens.generate(TokenKind.GUEST) + "\n");
            runtime.agent().check();
            assertEquals("unauthorized", runtime.agentLink().state());
            assertTrue(runtime.agentLink().message().startsWith("the agent does not know this guest's token"),
                    runtime.agentLink().message());
            assertTrue(runtime.agentLink().message().contains("agent tokens mint --vmid " + WithAgent.VMID));
            given().get("/api/host-metrics").then().statusCode(503)
                    .body("type", equalTo("urn:homefleet:problem:dependency-unavailable"))
                    .body("detail", org.hamcrest.Matchers.startsWith("the agent does not know this guest's token"));
        } finally {
            Files.writeString(tokenFile, good);
        }
        runtime.agent().check();
        assertEquals("ok", runtime.agentLink().state(), "no restart of anything: " + runtime.agentLink().message());
        assertTrue(List.of("ok").contains(runtime.agentLink().state()));
    }
}
