package io.homefleet.provisioning.host;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hosts CRUD, rebuild, the iPXE decision and discovered machines, through the HTTP API. */
@QuarkusTest
class HostApiTest {

    @Test
    void registerListGetDelete() {
        Names.Machine m = Names.next("crud");
        Api.register(m, "minisforum-ms-01");
        Api.operator().get("/api/v1/hosts/" + m.hostname()).then().statusCode(200)
                .body("state", equalTo("registered")).body("mac", equalTo(m.mac()))
                .body("server_type", equalTo("minisforum-ms-01")).body("ephemeral_key_held", equalTo(false));
        Api.operator().get("/api/hosts").then().statusCode(200).body("id", hasItem(m.hostname()));
        Api.operator().delete("/api/hosts/" + m.hostname()).then().statusCode(204);
        Api.operator().get("/api/v1/hosts/" + m.hostname()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:homefleet:problem:not-found"));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Names.Machine m = Names.next("bad");
        Api.operator().body("{\"hostname\":\"" + m.hostname() + "\",\"mac\":\"" + m.mac()
                        + "\",\"server_type\":\"no-such-type\"}").post("/api/v1/hosts").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"))
                .body("detail", containsString("minisforum-ms-01"));
        Api.operator().body("{\"hostname\":\"" + m.hostname() + "\",\"mac\":\"not-a-mac\",\"server_type\":\"minisforum-ms-01\"}")
                .post("/api/v1/hosts").then().statusCode(400);
        Api.operator().body("{\"hostname\":\"Not_A_Label\",\"mac\":\"" + m.mac() + "\",\"server_type\":\"minisforum-ms-01\"}")
                .post("/api/v1/hosts").then().statusCode(400);
        Api.operator().get("/api/v1/hosts/" + m.hostname()).then().statusCode(404);

        Api.register(m, "minisforum-ms-01");
        Api.operator().body("{\"hostname\":\"" + m.hostname() + "\",\"mac\":\"52:54:00:ff:ff:fe\",\"server_type\":\"minisforum-ms-01\"}")
                .post("/api/v1/hosts").then().statusCode(409).body("type", equalTo("urn:homefleet:problem:conflict"));
        Names.Machine other = Names.next("other");
        Api.operator().body("{\"hostname\":\"" + other.hostname() + "\",\"mac\":\"" + m.mac().toUpperCase()
                + "\",\"server_type\":\"minisforum-ms-01\"}").post("/api/v1/hosts").then().statusCode(409)
                .body("detail", containsString(m.hostname()));
    }

    @Test
    void operatorEndpointsNeedTheOperatorToken() {
        given().get("/api/v1/hosts").then().statusCode(401);
        given().get("/api/hosts").then().statusCode(401);
        given().post("/api/hosts/x/rebuild").then().statusCode(401);
        given().get("/api/v1/discovered").then().statusCode(401);
        given().header("Authorization", "Bearer hfo_" + "X".repeat(43)).get("/api/v1/hosts").then().statusCode(401);
        given().header("Authorization", "Bearer hfh_" + "X".repeat(43)).get("/api/v1/hosts").then().statusCode(403);
    }

    @Test
    void aRegisteredHostBootsLocallyUntilARebuildIsRequestedThenInstallsOnce() {
        Names.Machine m = Names.next("pxe");
        Api.register(m, "minisforum-ms-01");
        String local = given().get("/ipxe/" + m.mac()).then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(local.startsWith("#!ipxe") && local.contains("\nexit\n"), local);
        org.junit.jupiter.api.Assertions.assertFalse(local.contains("kernel"), local);
        org.junit.jupiter.api.Assertions.assertEquals("registered", Api.state(m.hostname()));

        Api.operator().post("/api/hosts/" + m.hostname() + "/rebuild").then().statusCode(200)
                .body("state", equalTo("pxe_ready")).body("ephemeral_key_held", equalTo(true))
                .body("deadline", notNullValue());
        // iPXE's ${mac:hexhyp} spelling is accepted too
        given().get("/ipxe/" + m.mac().replace(':', '-').toUpperCase()).then().statusCode(200)
                .body(containsString("kernel http://127.0.0.1:8090/ipxe/files/vmlinuz"))
                .body(containsString("proxmox-start-auto-installer"))
                .body(containsString("initrd http://127.0.0.1:8090/ipxe/files/proxmox-ve_9.1-1-auto-from-http-url.iso proxmox.iso"));
        org.junit.jupiter.api.Assertions.assertEquals("pxe_booted", Api.state(m.hostname()));

        List<String> to = Api.operator().get("/api/v1/hosts/" + m.hostname() + "/history").then().statusCode(200)
                .extract().path("to");
        org.junit.jupiter.api.Assertions.assertEquals(List.of("registered", "pxe_ready", "pxe_booted"), to);
        Api.operator().get("/api/v1/hosts/" + m.hostname() + "/history").then()
                .body("[1].actor", equalTo("operator")).body("[1].cause", equalTo("rebuild requested"))
                .body("[2].actor", containsString("pxe:")).body("[2].at", notNullValue());
    }

    @Test
    void anUnknownMacIsDiscoveredBootsLocallyAndCanBeRegisteredInOneStep() {
        Names.Machine m = Names.next("found");
        given().get("/ipxe/" + m.mac()).then().statusCode(200).body(containsString("not registered"))
                .body(not(containsString("kernel")));
        given().get("/ipxe/" + m.mac()).then().statusCode(200);
        Api.operator().get("/api/v1/discovered").then().statusCode(200).body("mac", hasItem(m.mac()))
                .body("find { it.mac == '" + m.mac() + "' }.boots", equalTo(2));
        Api.operator().body("{\"hostname\":\"" + m.hostname() + "\",\"server_type\":\"minisforum-um790\"}")
                .post("/api/v1/discovered/" + m.mac() + "/register").then().statusCode(201)
                .body("state", equalTo("registered")).body("mac", equalTo(m.mac()));
        Api.operator().get("/api/v1/discovered").then().body("mac", not(hasItem(m.mac())));
    }

    @Test
    void installerFilesAreServedFromTheInstallerDirectory() {
        given().get("/ipxe/files/vmlinuz").then().statusCode(200).body(equalTo("not a kernel\n"));
        given().get("/ipxe/files/initrd.img").then().statusCode(404);
        given().get("/ipxe/files/..%2Fprovisioning.yaml").then().statusCode(org.hamcrest.Matchers.anyOf(
                equalTo(400), equalTo(404)));
        given().get("/ipxe/not-a-mac").then().statusCode(400).contentType(ContentType.fromContentType(
                "application/problem+json"));
    }
}
