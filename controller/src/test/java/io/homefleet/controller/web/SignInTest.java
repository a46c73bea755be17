package io.homefleet.controller.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * With web.password_hash in controller.yaml: every page and the API need sign-in (bcrypt, session cookie), every
 * form of a session carries its CSRF token, and a form without it or with another is refused 403 with nothing
 * changed; repeated wrong passwords are throttled.
 */
@QuarkusTest
@TestProfile(WithPasswordProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void pagesAndApiNeedSignIn() {
        for (String path : new String[]{"/", "/apps", "/monitor", "/backups", "/settings"}) {
            given().redirects().follow(false).accept("text/html").get(path).then().statusCode(303)
                    .header("Location", containsString("/sign-in?next="));
        }
        given().get("/api/status").then().statusCode(401)
                .body("type", equalTo("urn:homefleet:problem:unauthenticated"));
        given().get("/sign-in").then().statusCode(200)
                .body(containsString("<h1>Bejelentkezés</h1>"))
                .body(containsString("type=\"password\""))
                .body(containsString("<label for=\"password\">"));
        // the probes and the stylesheet need no session
        given().get("/q/health/live").then().statusCode(200);
        given().get("/assets/controller.css").then().statusCode(200);
    }

    @Test
    void wrongPasswordIsRefusedAndTheRightOneOpensThePages() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("password", "rossz").formParam("back", "/monitor")
                .post("/sign-in").then().statusCode(401)
                .body(containsString("Hibás jelszó.")).header("Set-Cookie", nullValue());
        String session = signIn();
        given().cookie("homefleet_session", session).get("/monitor").then().statusCode(200)
                .body(containsString("<h1>Rendszermonitor</h1>"))
                .body(containsString("Kijelentkezés"));
        given().cookie("homefleet_session", session).get("/api/status").then().statusCode(200);
        given().cookie("homefleet_session", session).get("/settings").then().statusCode(200)
                .body(containsString("Jelszó be van állítva"));
    }

    @Test
    void formsCarryTheSessionsCsrfTokenAndAreRefusedWithoutIt() {
        String session = signIn();
        String page = given().cookie("homefleet_session", session).get("/settings").then().statusCode(200)
                .extract().asString();
        Matcher m = CSRF.matcher(page);
        assertEquals(true, m.find(), "no CSRF field in " + page);
        String token = m.group(1);
        // every form on the page carries it
        assertEquals(page.split("<form ").length - 1, CSRF.matcher(page).results().count());

        // missing → 403, the language did not change
        given().cookie("homefleet_session", session).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("lang", "en").formParam("back", "/")
                .post("/language").then().statusCode(403)
                .body("type", equalTo("urn:homefleet:problem:csrf-rejected"))
                .header("Set-Cookie", nullValue());
        // wrong → 403
        given().cookie("homefleet_session", session).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("lang", "en").formParam("_csrf", token + "x")
                .post("/language").then().statusCode(403)
                .header("Set-Cookie", nullValue());
        // sign-out without the token leaves the session alone
        given().cookie("homefleet_session", session).redirects().follow(false).post("/sign-out").then().statusCode(403);
        given().cookie("homefleet_session", session).get("/").then().statusCode(200);
        // with it → done
        given().cookie("homefleet_session", session).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("lang", "en").formParam("_csrf", token)
                .formParam("back", "/settings")
                .post("/language").then().statusCode(303).cookie(Languages.COOKIE, "en");
    }

    @Test
    void signOutEndsTheSessionInThisBrowser() {
        String session = signIn();
        String page = given().cookie("homefleet_session", session).get("/").then().statusCode(200).extract().asString();
        Matcher m = CSRF.matcher(page);
        m.find();
        Response out = given().cookie("homefleet_session", session).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("_csrf", m.group(1))
                .post("/sign-out");
        out.then().statusCode(303).header("Location", containsString("/sign-in"));
        assertNotNull(out.getDetailedCookie("homefleet_session"));
        assertEquals(0, out.getDetailedCookie("homefleet_session").getMaxAge());
    }

    /**
     * The session is signed with controller.yaml's web.session_secret (the hub's, the same at every start and
     * replica), not with a key of this process: its HS256 signature checks out with the key derived from the secret.
     */
    @Test
    void sessionsAreSignedWithTheSessionSecretFromControllerYaml() throws Exception {
        String[] jwt = signIn().split("\\.");
        assertEquals(3, jwt.length);
        byte[] key = java.security.MessageDigest.getInstance("SHA-256")
                .digest(WithPasswordProfile.SESSION_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((jwt[0] + "." + jwt[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(expected), jwt[2]);
    }

    /** Last: the controller has one account, so its throttle holds off every later sign-in for the window. */
    @Test
    @Order(Integer.MAX_VALUE)
    void repeatedWrongPasswordsAreThrottled() {
        int status = 0;
        for (int i = 0; i < 6 && status != 429; i++) {
            status = given().contentType("application/x-www-form-urlencoded")
                    .formParam("password", "rossz-" + i).post("/sign-in").statusCode();
        }
        assertEquals(429, status);
        given().contentType("application/x-www-form-urlencoded").formParam("password", WithPasswordProfile.PASSWORD)
                .post("/sign-in").then().statusCode(429).header("Retry-After", not(nullValue()))
                .body(containsString("Túl sok próbálkozás"));
    }

    /** Signs in with the right password and answers the session cookie. */
    static String signIn() {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("password", WithPasswordProfile.PASSWORD).formParam("back", "/monitor")
                .post("/sign-in");
        r.then().statusCode(303).header("Location", containsString("/monitor"));
        String cookie = r.getCookie("homefleet_session");
        assertNotNull(cookie);
        return cookie;
    }
}
