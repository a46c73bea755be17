package io.homefleet.provisioning.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.provisioning.support.TestConfigFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The dashboard account changes its own password: the shared rules, CSRF, and every old session ends. */
@QuarkusTest
class DashboardPasswordTest {
    static final String NEW_PASSWORD = "a new dashboard passphrase";

    @Test
    void theAccountChangesItsPasswordAndOldSessionsEnd() throws Exception {
        String original = DashboardSession.password();
        Path data = TestConfigFiles.dir().resolve("data");
        DashboardSession session = DashboardSession.signIn();
        String form = session.page("/account/password");
        assertTrue(form.contains("name=\"current\""), form);
        String csrf = DashboardSession.csrf(form);

        // Refused with the reason, nothing changed.
        change(session, csrf, "not the password", NEW_PASSWORD, NEW_PASSWORD).then().statusCode(400)
                .body(containsString("The current password is wrong."));
        change(session, csrf, original, "short", "short").then().statusCode(400)
                .body(containsString("The password is shorter than 10 characters."));
        change(session, csrf, original, NEW_PASSWORD, NEW_PASSWORD + "!").then().statusCode(400)
                .body(containsString("The new passwords differ."));
        change(session, csrf, original, original, original).then().statusCode(400)
                .body(containsString("Choose a password other than the current one."));
        // A form without this session's CSRF token is refused before anything is looked at.
        change(session, "forged", original, NEW_PASSWORD, NEW_PASSWORD).then().statusCode(403);
        session.page("/");
        assertTrue(Files.exists(data.resolve(DashboardAccounts.PASSWORD_FILE)));

        try {
            change(session, csrf, original, NEW_PASSWORD, NEW_PASSWORD).then().statusCode(303)
                    .header("Location", containsString("/sign-in"));
            // The session that changed it, like any other, has ended; the old password no longer signs in.
            session.browser().get("/").then().statusCode(302).header("Location", containsString("/sign-in"));
            signIn(original).then().statusCode(401);
            assertEquals(303, signIn(NEW_PASSWORD).statusCode());
            assertFalse(Files.exists(data.resolve(DashboardAccounts.PASSWORD_FILE)), "the first-start password file goes");
            Path hash = data.resolve(DashboardAccounts.HASH_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hash)));
            assertFalse(Files.readString(hash).contains(NEW_PASSWORD));
        } finally {
            // Back to the first-start password, for the other dashboard tests of this boot.
            Response in = signIn(NEW_PASSWORD);
            if (in.statusCode() == 303) {
                DashboardSession again = new DashboardSession(in.getCookie(DashboardSession.COOKIE));
                String csrfAgain = DashboardSession.csrf(again.page("/account/password"));
                change(again, csrfAgain, NEW_PASSWORD, original, original).then().statusCode(303);
            }
            Files.writeString(data.resolve(DashboardAccounts.PASSWORD_FILE), original + "\n");
        }
        DashboardSession.signIn().page("/");
    }

    static Response change(DashboardSession session, String csrf, String current, String fresh, String repeat) {
        return session.browser().contentType("application/x-www-form-urlencoded").formParam("_csrf", csrf)
                .formParam("current", current).formParam("new", fresh).formParam("repeat", repeat)
                .post("/account/password");
    }

    static Response signIn(String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("name", "operator").formParam("password", password).formParam("next", "/").post("/sign-in");
    }
}
