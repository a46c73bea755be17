package io.homefleet.controller.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.homefleet.controller.runtime.ControllerRuntime;
import io.homefleet.controller.status.ControllerState;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Setup mode (the test profile has neither controller.yaml nor bootstrap): every page leads to the setup form,
 * which asks in Hungarian for the hub URL, customer id and retrieval password; what cannot work is refused with a
 * clear message and nothing is written.
 */
@QuarkusTest
class SetupPageTest {

    @Inject
    ControllerState state;
    @Inject
    ControllerRuntime runtime;

    @Test
    void everyPageLeadsToTheSetupForm() {
        for (String path : new String[]{"/", "/apps", "/monitor", "/backups", "/settings"}) {
            given().redirects().follow(false).get(path).then().statusCode(303)
                    .header("Location", containsString("/setup"));
        }
        given().get("/setup").then().statusCode(200)
                .body(containsString("<h1>Első beállítás</h1>"))
                .body(containsString("<label for=\"hub_url\">Központ címe (https://...)"))
                .body(containsString("<label for=\"customer_id\">Ügyfélazonosító"))
                .body(containsString("<label for=\"retrieval_password\">Letöltési jelszó"))
                .body(containsString("type=\"password\""));
        given().cookie(Languages.COOKIE, "en").get("/setup").then().statusCode(200)
                .body(containsString("<h1>First setup</h1>"));
    }

    @Test
    void theHostApiWithoutALocalApiIsNotConfiguredNotUnavailable() {
        for (String path : new String[]{"/api/host-metrics", "/api/disks", "/api/storage"}) {
            given().get(path).then().statusCode(409).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:homefleet:problem:not-configured"))
                    .body("detail", containsString("local_api"));
        }
    }

    @Test
    void incompleteOrUnusableAnswersAreRefusedAndNothingIsWritten() throws Exception {
        given().contentType("application/x-www-form-urlencoded").formParam("hub_url", "https://hub.example")
                .formParam("customer_id", "").formParam("retrieval_password", "x")
                .post("/setup").then().statusCode(400).body(containsString("Minden mezőt ki kell tölteni."));
        given().contentType("application/x-www-form-urlencoded").formParam("hub_url", "https://hub.example")
                .formParam("customer_id", "Not A Slug!").formParam("retrieval_password", "x")
                .post("/setup").then().statusCode(400).body(containsString("A beállítás nem sikerült"));
        // plain http is refused unless the environment allows it (hub.allow_plain_http)
        given().contentType("application/x-www-form-urlencoded").formParam("hub_url", "http://hub.example")
                .formParam("customer_id", "demo").formParam("retrieval_password", "x")
                .post("/setup").then().statusCode(400).body(containsString("plain http"))
                // what the customer typed is kept, the password is not
                .body(containsString("value=\"http://hub.example\"")).body(containsString("value=\"demo\""));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        given().contentType("application/x-www-form-urlencoded").formParam("hub_url", "https://127.0.0.1:" + closed)
                .formParam("customer_id", "demo").formParam("retrieval_password", "x")
                .post("/setup").then().statusCode(502).body(containsString("cannot reach the hub"));
        assertFalse(state.configured());
        assertFalse(Files.exists(runtime.configFile()), "setup wrote " + runtime.configFile());
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() {
        given().header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded")
                .formParam("hub_url", "https://hub.example").formParam("customer_id", "demo")
                .formParam("retrieval_password", "x")
                .post("/setup").then().statusCode(403).body("type", equalTo("urn:homefleet:problem:csrf-rejected"));
        assertFalse(state.configured());
    }
}
