package io.homefleet.provisioning.dashboard;

import static io.restassured.RestAssured.given;

import io.homefleet.provisioning.support.TestConfigFiles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in dashboard browser in tests: its session cookie and the CSRF token its pages carry. */
final class DashboardSession {
    static final String COOKIE = "homefleet_session";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final String cookie;

    DashboardSession(String cookie) {
        this.cookie = cookie;
    }

    /** The password the first start wrote for the dashboard account. */
    static String password() {
        Path file = TestConfigFiles.dir().resolve("data").resolve(DashboardAccounts.PASSWORD_FILE);
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DashboardSession signIn() {
        Response answer = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("name", "operator").formParam("password", password()).formParam("next", "/")
                .post("/sign-in");
        if (answer.statusCode() != 303 || answer.getCookie(COOKIE) == null) {
            throw new AssertionError("sign-in answered " + answer.statusCode() + ": " + answer.asString());
        }
        return new DashboardSession(answer.getCookie(COOKIE));
    }

    RequestSpecification browser() {
        return given().redirects().follow(false).cookie(COOKIE, cookie).accept("text/html");
    }

    String page(String path) {
        return browser().get(path).then().statusCode(200).contentType("text/html").extract().asString();
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no _csrf field in the page");
        }
        return m.group(1);
    }
}
