package io.homefleet.service.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.service.problem.ProblemType;
import io.homefleet.service.testapp.FixedAccounts;
import io.homefleet.service.testapp.FixedTokens;
import io.homefleet.service.testapp.WebProbeResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Browser sign-in beside the bearer tokens: cookie, expiry, tampering, CSRF, throttle, redirects. */
@QuarkusTest
class WebSignInTest {
    private static final String COOKIE = "homefleet_session";

    @Inject
    WebSessions sessions;

    @Inject
    FixedAccounts accounts;

    private static Response signIn(String name, String password, String address) {
        return given().redirects().follow(false)
                .header("X-Forwarded-For", address)
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", name).formParam("password", password).formParam("next", "/web/page")
                .post("/sign-in");
    }

    private static String session(String name, String address) {
        Response response = signIn(name, FixedAccounts.PASSWORD, address);
        assertEquals(303, response.statusCode(), response.asString());
        return response.cookie(COOKIE);
    }

    private static String csrfOf(String cookie) {
        String page = given().cookie(COOKIE, cookie).accept("text/html").get("/web/page").then().statusCode(200)
                .extract().asString();
        Matcher m = Pattern.compile("name=_csrf value=(\\S+)>").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    @Test
    void aPageWithoutSessionRedirectsToSignInButTheApiStays401() {
        given().redirects().follow(false).accept("text/html,application/xhtml+xml").get("/web/page?x=1")
                .then().statusCode(302).header("Location", endsWithPath("/sign-in?next=%2Fweb%2Fpage%3Fx%3D1"));
        given().redirects().follow(false).accept("*/*").get("/web/page").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemType.UNAUTHENTICATED.uri()));
        // a browser asking for an API path still gets the problem, never a redirect
        given().redirects().follow(false).accept("text/html,application/xhtml+xml,*/*;q=0.8").get("/probe/guest")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieForSevenDays() {
        Response response = signIn("alice", FixedAccounts.PASSWORD, "198.51.100.1");
        response.then().statusCode(303).header("Location", endsWithPath("/web/page"));
        String setCookie = response.header("Set-Cookie");
        assertTrue(setCookie.startsWith(COOKIE + "="), setCookie);
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("; httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertTrue(setCookie.contains("Max-Age=604800"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain http to localhost: " + setCookie);
        given().cookie(COOKIE, response.cookie(COOKIE)).accept("text/html").get("/web/page").then().statusCode(200)
                .body(containsString("hello alice"));
    }

    @Test
    void theCookieIsSecureUnlessPlainHttpToLoopback() {
        Response response = given().redirects().follow(false).header("Host", "hub.example.org")
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", "alice").formParam("password", FixedAccounts.PASSWORD)
                .header("X-Forwarded-For", "198.51.100.2")
                .post("/sign-in");
        assertEquals(303, response.statusCode());
        assertTrue(response.header("Set-Cookie").contains("Secure"), response.header("Set-Cookie"));
    }

    @Test
    void aFormThatIsNotUrlEncodingIsA400() {
        // '%ZZ' is no percent-escape: the framework's form reader refuses it before any resource runs
        given().contentType("application/x-www-form-urlencoded").body("name=%ZZ&password=x").post("/sign-in")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:homefleet:problem:malformed-body"));
    }

    @Test
    void wrongPasswordsAndUnknownAccountsAreRefusedAlike() {
        signIn("alice", "wrong", "198.51.100.3").then().statusCode(401).body(equalTo("Wrong name or password."));
        signIn("nobody", "wrong", "198.51.100.3").then().statusCode(401).body(equalTo("Wrong name or password."));
    }

    @Test
    void aTamperedCookieIsNoSession() {
        String cookie = session("alice", "198.51.100.4");
        String[] parts = cookie.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        given().redirects().follow(false).cookie(COOKIE, forged).accept("text/html").get("/web/page")
                .then().statusCode(302).header("Location", containsString("/sign-in?next="))
                .header("Set-Cookie", containsString("Max-Age=0"));
        String badSignature = parts[0] + "." + parts[1] + "." + "x" + parts[2].substring(1);
        given().redirects().follow(false).cookie(COOKIE, badSignature).accept("text/html").get("/web/page")
                .then().statusCode(302);
    }

    @Test
    void anExpiredSessionIsNoSession() {
        var alice = accounts.find("alice").orElseThrow();
        String expired = sessions.issue(alice, Instant.now().minus(Duration.ofDays(7)).minusSeconds(5));
        String fresh = sessions.issue(alice, Instant.now().minus(Duration.ofDays(7)).plusSeconds(60));
        given().redirects().follow(false).cookie(COOKIE, expired).accept("text/html").get("/web/page")
                .then().statusCode(302);
        given().redirects().follow(false).cookie(COOKIE, fresh).accept("text/html").get("/web/page")
                .then().statusCode(200);
    }

    @Test
    void aChangedPasswordOrRemovedAccountEndsTheSession() {
        String cookie = session("dave", "198.51.100.5");
        given().cookie(COOKIE, cookie).accept("text/html").get("/web/page").then().statusCode(200);
        var dave = accounts.find("dave").orElseThrow();
        accounts.put(new Account("dave", PasswordHasher.hash("another one", 4), dave.roles(), false));
        try {
            given().redirects().follow(false).cookie(COOKIE, cookie).accept("text/html").get("/web/page")
                    .then().statusCode(302);
        } finally {
            accounts.put(dave);
        }
        String erin = session("erin", "198.51.100.5");
        accounts.remove("erin");
        try {
            given().redirects().follow(false).cookie(COOKIE, erin).accept("text/html").get("/web/page")
                    .then().statusCode(302);
        } finally {
            accounts.put(new Account("erin", dave.passwordHash(), dave.roles(), false));
        }
    }

    @Test
    void aStateChangeWithoutTheSessionsCsrfTokenIs403AndChangesNothing() {
        String cookie = session("alice", "198.51.100.6");
        String csrf = csrfOf(cookie);
        String other = csrfOf(session("dave", "198.51.100.6"));
        int before = WebProbeResource.COUNTER.get();
        given().cookie(COOKIE, cookie).contentType("application/x-www-form-urlencoded").formParam("by", 5)
                .post("/web/counter").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(ProblemType.CSRF_REJECTED.uri()))
                .body("title", equalTo(ProblemType.CSRF_REJECTED.title()));
        given().cookie(COOKIE, cookie).contentType("application/x-www-form-urlencoded").formParam("by", 5)
                .formParam("_csrf", other).post("/web/counter").then().statusCode(403)
                .body("type", equalTo(ProblemType.CSRF_REJECTED.uri()));
        given().cookie(COOKIE, cookie).contentType("application/x-www-form-urlencoded").formParam("by", 5)
                .header("X-CSRF-Token", "wrong").post("/web/counter").then().statusCode(403);
        assertEquals(before, WebProbeResource.COUNTER.get(), "a refused form changed state");

        String after = given().cookie(COOKIE, cookie).contentType("application/x-www-form-urlencoded")
                .formParam("by", 5).formParam("_csrf", csrf).post("/web/counter").then().statusCode(200)
                .extract().asString();
        assertTrue(Integer.parseInt(after) >= before + 5);
        given().cookie(COOKIE, cookie).contentType("application/x-www-form-urlencoded").formParam("by", 1)
                .header("X-CSRF-Token", csrf).post("/web/counter").then().statusCode(200);
    }

    @Test
    void theAccountThrottleFromOneAddressAnswers429WithRetryAfterEvenForTheRightPassword() {
        String address = "198.51.100.20";
        for (int i = 0; i < 3; i++) {
            signIn("carol", "wrong", address).then().statusCode(401);
        }
        signIn("carol", FixedAccounts.PASSWORD, address).then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemType.RATE_LIMITED.uri()))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
    }

    /** Someone guessing an account's password from elsewhere does not lock its owner out. */
    @Test
    void guessesFromAnotherAddressDoNotLockTheOwnerOut() {
        for (int i = 0; i < 3; i++) {
            signIn("frank", "wrong", "192.0.2.66").then().statusCode(401);
        }
        signIn("frank", FixedAccounts.PASSWORD, "192.0.2.66").then().statusCode(429);
        signIn("frank", FixedAccounts.PASSWORD, "192.0.2.10").then().statusCode(303);
    }

    /** Guessing spread over many addresses still meets the account's ceiling (per-account-all-addresses, 8 here). */
    @Test
    void theAccountCeilingCoversGuessesFromEveryAddress() {
        for (int i = 0; i < 8; i++) {
            signIn("grace", "wrong", "198.18.0." + (10 + i)).then().statusCode(401);
        }
        signIn("grace", FixedAccounts.PASSWORD, "198.18.0.99").then().statusCode(429)
                .body("type", equalTo(ProblemType.RATE_LIMITED.uri()));
    }

    @Test
    void theAddressThrottleCoversEveryAccountFromThere() {
        String address = "203.0.113.77";
        for (int i = 0; i < 6; i++) {
            signIn("nobody" + i, "wrong", address).then().statusCode(401);
        }
        signIn("alice", FixedAccounts.PASSWORD, address).then().statusCode(429).header("Retry-After", notNullValue());
        // alice from elsewhere is unaffected
        signIn("alice", FixedAccounts.PASSWORD, "203.0.113.78").then().statusCode(303);
    }

    @Test
    void bearerTokensKeepWorkingBesideASession() {
        String cookie = session("alice", "198.51.100.7");
        given().cookie(COOKIE, cookie).header("Authorization", "Bearer " + FixedTokens.OPERATOR)
                .get("/probe/guest").then().statusCode(200).body("caller", equalTo("operator"));
        given().header("Authorization", "Bearer " + FixedTokens.GUEST).get("/probe/guest").then().statusCode(200);
        // an API call with a bearer token needs no CSRF token, cookie or not
        given().cookie(COOKIE, cookie).header("Authorization", "Bearer " + FixedTokens.CUSTOMER)
                .contentType("application/json").body("{\"name\":\"x\"}")
                .post("/probe/customer").then().statusCode(200).body("caller", equalTo("customer:acme"));
        // a session is not a token: the API endpoints refuse it
        given().cookie(COOKIE, cookie).get("/probe/guest").then().statusCode(403)
                .body("type", equalTo(ProblemType.FORBIDDEN.uri()));
    }

    @Test
    void anAccountThatMustChangeItsPasswordIsSentThereFirst() {
        Response response = signIn("bob", FixedAccounts.PASSWORD, "198.51.100.8");
        response.then().statusCode(303).header("Location", endsWithPath("/account/password"));
        given().redirects().follow(false).cookie(COOKIE, response.cookie(COOKIE)).accept("text/html")
                .get("/web/page").then().statusCode(303).header("Location", endsWithPath("/account/password"));
    }

    @Test
    void signOutClearsTheCookie() {
        String cookie = session("alice", "198.51.100.9");
        String csrf = csrfOf(cookie);
        given().redirects().follow(false).cookie(COOKIE, cookie).formParam("_csrf", csrf).post("/sign-out")
                .then().statusCode(303).header("Location", endsWithPath("/sign-in"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void nextMayOnlyPointIntoThisService() {
        assertEquals("/", BrowserRequests.safeNext("//evil.example/x"));
        assertEquals("/", BrowserRequests.safeNext("https://evil.example/"));
        assertEquals("/", BrowserRequests.safeNext("/\\evil.example"));
        assertEquals("/customers?q=a", BrowserRequests.safeNext("/customers?q=a"));
    }

    @Test
    void theSessionKeyFileIsOwnerOnly() throws Exception {
        Path key = Path.of("target/web-session.key");
        assertTrue(Files.exists(key));
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(key));
        assertNotNull(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    private static org.hamcrest.Matcher<String> endsWithPath(String path) {
        return org.hamcrest.Matchers.endsWith(path);
    }

    private static org.hamcrest.Matcher<Object> notNullValue() {
        return org.hamcrest.Matchers.notNullValue();
    }
}
