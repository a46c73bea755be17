package io.homefleet.hub.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser session in tests: the cookie of a real sign-in and the CSRF token its pages carry. */
record SignedIn(String name, String cookie, String csrf) {
    static final String COOKIE = "homefleet_session";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static final String PASSWORD = "a long enough password";

    /** A fresh operator account of {@code role} with its own password (no change required), signed in. */
    static SignedIn freshOperator(io.homefleet.hub.operator.OperatorAccounts operators, String role) {
        String name = io.homefleet.hub.support.Fleet.uniqueId(role);
        operators.add(name, PASSWORD, role);
        operators.setPassword(name, PASSWORD, false);
        return as(name, PASSWORD);
    }

    static SignedIn as(String name, String password) {
        Response response = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("name", name).formParam("password", password).formParam("next", "/")
                .post("/sign-in");
        assertEquals(303, response.statusCode(), response.asString());
        String cookie = response.cookie(COOKIE);
        String page = given().cookie(COOKIE, cookie).redirects().follow(false).accept("text/html")
                .get("/account/password").then().statusCode(200).extract().asString();
        return new SignedIn(name, cookie, csrfIn(page));
    }

    static String csrfIn(String page) {
        Matcher m = CSRF.matcher(page);
        assertTrue(m.find(), "no CSRF field in the page");
        return m.group(1);
    }

    RequestSpecification page() {
        return given().cookie(COOKIE, cookie).redirects().follow(false).accept("text/html");
    }

    /** A form post with this session's CSRF token. */
    RequestSpecification form() {
        return page().contentType("application/x-www-form-urlencoded").formParam("_csrf", csrf);
    }
}
