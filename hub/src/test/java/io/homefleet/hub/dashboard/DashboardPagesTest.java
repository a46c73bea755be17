package io.homefleet.hub.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.operator.FirstAdminBootstrap;
import io.homefleet.hub.operator.OperatorAccounts;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every dashboard page as each role sees it, the redirects, CSRF, throttle, first-run admin and the audit trail. */
@QuarkusTest
class DashboardPagesTest {
    static final String PASSWORD = SignedIn.PASSWORD;

    @Inject
    OperatorAccounts operators;

    @Inject
    HubConfig config;

    @Inject
    Db db;

    private SignedIn signedIn(String role) {
        return SignedIn.freshOperator(operators, role);
    }

    private static String reportingCustomer() {
        String id = Fleet.createCustomer(Fleet.uniqueId("cust"));
        String key = Fleet.customerKey(id);
        Fleet.as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        Fleet.as(key).body(Fleet.event(id, "backup_failed", "error")).post("/api/v1/event").then().statusCode(202);
        return id;
    }

    private static boolean blocked(String id) {
        return Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(200).extract()
                .<Boolean>path("customer.blocked");
    }

    @Test
    void withoutASessionPagesRedirectToSignInAndTheApiIsUnchanged() {
        for (String path : new String[] {"/", "/customers", "/hosts", "/events", "/operators", "/audit"}) {
            given().redirects().follow(false).accept("text/html").get(path).then().statusCode(302)
                    .header("Location", containsString("/sign-in"));
        }
        given().get("/sign-in").then().statusCode(200).body(containsString("name=\"password\""));
        given().get("/api/v1/customers").then().statusCode(401).contentType("application/problem+json");
        Fleet.operator().get("/api/v1/customers").then().statusCode(200);
    }

    @Test
    void theAccountPagesRefuseAnApiTokenWithA403() {
        // the operator token passes @Authenticated but is no account: no password to change, no CSRF token
        Fleet.operator().accept("text/html").get("/account/password").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("/sign-in"));
        Fleet.operator().contentType("application/x-www-form-urlencoded").formParam("current", "x")
                .formParam("new", "a new password of some length").formParam("repeat", "a new password of some length")
                .post("/account/password").then().statusCode(403);
    }

    @Test
    void theFirstAdminHasAOneTimePasswordInAnOwnerOnlyFileAndMustChangeIt() throws Exception {
        Path file = Path.of(config.dataDir()).toAbsolutePath().resolve(FirstAdminBootstrap.PASSWORD_FILE);
        assertTrue(Files.exists(file), "the one-time password file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String oneTime = Files.readString(file).trim();
        assertTrue(operators.record("admin").orElseThrow().mustChangePassword());

        var signIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("name", "admin").formParam("password", oneTime).post("/sign-in");
        signIn.then().statusCode(303).header("Location", endsWith("/account/password"));
        String cookie = signIn.cookie(SignedIn.COOKIE);
        given().cookie(SignedIn.COOKIE, cookie).redirects().follow(false).accept("text/html").get("/")
                .then().statusCode(303).header("Location", endsWith("/account/password"));
        String form = given().cookie(SignedIn.COOKIE, cookie).accept("text/html").get("/account/password")
                .then().statusCode(200).body(containsString("Choose your own password")).extract().asString();
        String csrf = SignedIn.csrfIn(form);
        // a too-short password is refused and nothing changes
        given().cookie(SignedIn.COOKIE, cookie).contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", csrf).formParam("current", oneTime).formParam("new", "short")
                .formParam("repeat", "short").post("/account/password").then().statusCode(400);
        assertTrue(operators.record("admin").orElseThrow().mustChangePassword());

        var changed = given().cookie(SignedIn.COOKIE, cookie).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("_csrf", csrf)
                .formParam("current", oneTime).formParam("new", PASSWORD).formParam("repeat", PASSWORD)
                .post("/account/password");
        changed.then().statusCode(303).header("Location", endsWith("/sign-in"));
        assertFalse(operators.record("admin").orElseThrow().mustChangePassword());
        assertFalse(Files.exists(file), "the spent one-time password's file is removed");
        // the session ended with the password; the new password signs in
        given().cookie(SignedIn.COOKIE, cookie).redirects().follow(false).accept("text/html").get("/")
                .then().statusCode(302);
        SignedIn.as("admin", PASSWORD).page().get("/").then().statusCode(200).body(containsString("Fleet"));
    }

    @Test
    void theFleetShowsStatusesCountsAndHostsButNotBlockedCustomers() {
        SignedIn viewer = signedIn("viewer");
        String ok = reportingCustomer();
        String gone = reportingCustomer();
        Fleet.operator().post("/api/v1/customers/" + gone + "/block").then().statusCode(200);
        String pending = Fleet.createCustomer(Fleet.uniqueId("pend"));
        String page = viewer.page().get("/?q=cust").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue()).extract().asString();
        assertTrue(page.contains("/customers/" + ok), "a reporting customer is listed");
        assertFalse(page.contains("/customers/" + gone + "\""), "a blocked customer is not on the Fleet page");
        assertTrue(page.contains("data-status=\"OK\""));
        viewer.page().get("/?status=pending&q=" + pending).then().statusCode(200)
                .body(containsString("/customers/" + pending)).body(not(containsString("/customers/" + ok + "\"")));
        // Customers lists everyone, the blocked one greyed with its badge
        viewer.page().get("/customers?q=" + gone).then().statusCode(200)
                .body(containsString("class=\"blocked\""))
                .body(containsString("data-status=\"BLOCKED\""));
        viewer.page().get("/?status=nonsense").then().statusCode(400)
                .body("type", equalTo(ProblemType.INVALID_PARAMETER.uri()));
    }

    @Test
    void customersOfAHostThatStoppedReportingAreGroupedUnderIt() {
        SignedIn viewer = signedIn("viewer");
        String host = Fleet.createHost(Fleet.uniqueId("pve"), "c1", java.util.List.of("10.0.0.9"));
        String a = reportingCustomer();
        String b = reportingCustomer();
        String hostKey = Fleet.hostKey(host);
        Map<String, Object> report = new java.util.HashMap<>(Fleet.hostReport(host));
        report.put("guests", java.util.List.of(Map.of("vmid", 9301, "name", "a", "status", "running", "customer_id", a),
                Map.of("vmid", 9302, "name", "b", "status", "running", "customer_id", b)));
        Fleet.as(hostKey).body(report).post("/api/v1/hosts/" + host + "/report").then().statusCode(202);
        db.update("UPDATE hosts SET last_seen_at = now() - interval '3 hours' WHERE id = ?", host);
        db.update("UPDATE customers SET last_seen_at = now() - interval '3 hours' WHERE id IN (?, ?)", a, b);
        String page = viewer.page().get("/?status=down&q=" + host).then().statusCode(200).extract().asString();
        assertTrue(page.contains("class=\"hostdown\""), page);
        assertTrue(page.contains("/customers/" + a) && page.contains("/customers/" + b));
        assertTrue(page.contains("<strong>2</strong> customers on it are DOWN"), page);
        // the host pages show it with its guests and customers
        viewer.page().get("/hosts").then().statusCode(200).body(containsString("/hosts/" + host));
        viewer.page().get("/hosts/" + host).then().statusCode(200).body(containsString("/customers/" + a))
                .body(containsString("Sensor proxy"));
    }

    @Test
    void theTableRefreshIsA304WhileNothingChanged() {
        SignedIn viewer = signedIn("viewer");
        var first = viewer.page().get("/?fragment=table");
        first.then().statusCode(200).body(containsString("id=\"fleet-table\"")).body(not(containsString("<html")));
        String tag = first.header("ETag");
        assertNotNull(tag);
        viewer.page().header("If-None-Match", tag).get("/?fragment=table").then().statusCode(304);
        reportingCustomer();
        viewer.page().header("If-None-Match", tag).get("/?fragment=table").then().statusCode(200);
    }

    @Test
    void aCustomersPageShowsStatusChartEventsAndKeys() {
        SignedIn admin = signedIn("admin");
        String id = reportingCustomer();
        admin.page().get("/customers/" + id + "?period=7d").then().statusCode(200)
                .body(containsString("<svg class=\"chart\""))
                .body(containsString("backup_failed"))
                .body(containsString("nextcloud"))
                .body(containsString("Reported"));
        admin.page().get("/customers/" + id + "?severity=info").then().statusCode(200)
                .body(not(containsString("backup_failed")));
        String fresh = Fleet.createCustomer(Fleet.uniqueId("new"));
        admin.page().get("/customers/" + fresh).then().statusCode(200)
                .body(containsString("Waiting for the first report"));
        String issued = admin.form().post("/customers/" + fresh + "/keys").then().statusCode(200).extract().asString();
        assertTrue(issued.matches("(?s).*value=\"hfc_[A-Za-z0-9_-]{43}\".*"), "the new key is shown once");
        admin.page().get("/customers/" + fresh).then().statusCode(200).body(not(containsString("value=\"hfc_")));
    }

    @Test
    void eachRoleMayDoWhatItShouldAndNoMore() {
        SignedIn viewer = signedIn("viewer");
        SignedIn operator = signedIn("operator");
        SignedIn admin = signedIn("admin");
        String id = reportingCustomer();

        viewer.form().post("/customers/" + id + "/block").then().statusCode(403);
        assertFalse(blocked(id), "a viewer's block changed nothing");
        viewer.page().get("/operators").then().statusCode(403);
        viewer.page().get("/audit").then().statusCode(403);
        viewer.form().post("/sweep").then().statusCode(403);

        operator.form().post("/customers/" + id + "/block").then().statusCode(303);
        assertTrue(blocked(id));
        operator.form().post("/customers/" + id + "/unblock").then().statusCode(303);
        assertFalse(blocked(id));
        operator.form().post("/sweep").then().statusCode(303);
        operator.form().formParam("confirm", id).post("/customers/" + id + "/delete").then().statusCode(403);
        operator.form().post("/customers/" + id + "/keys").then().statusCode(403);
        operator.page().get("/operators").then().statusCode(403);
        Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(200);

        admin.form().formParam("confirm", "not-it").post("/customers/" + id + "/delete").then().statusCode(400);
        Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(200);
        admin.form().formParam("confirm", id).post("/customers/" + id + "/delete").then().statusCode(303);
        Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(404);
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIs403AndChangesNothing() {
        SignedIn operator = signedIn("operator");
        SignedIn other = signedIn("operator");
        String id = reportingCustomer();
        operator.page().contentType("application/x-www-form-urlencoded").post("/customers/" + id + "/block")
                .then().statusCode(403).body("type", equalTo(ProblemType.CSRF_REJECTED.uri()));
        operator.page().contentType("application/x-www-form-urlencoded").formParam("_csrf", other.csrf())
                .post("/customers/" + id + "/block").then().statusCode(403)
                .body("type", equalTo(ProblemType.CSRF_REJECTED.uri()));
        assertFalse(blocked(id));
    }

    @Test
    void failedSignInsAreThrottledPerAccount() {
        String name = Fleet.uniqueId("slow");
        operators.add(name, PASSWORD, "viewer");
        for (int i = 0; i < 5; i++) {
            given().contentType("application/x-www-form-urlencoded").formParam("name", name)
                    .formParam("password", "wrong password").post("/sign-in").then().statusCode(401)
                    .body(containsString("Wrong name or password"));
        }
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("name", name)
                .formParam("password", PASSWORD).post("/sign-in").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void adminsManageOperatorsAndReadTheAuditTrail() {
        SignedIn admin = signedIn("admin");
        SignedIn operator = signedIn("operator");
        String id = reportingCustomer();
        operator.form().post("/customers/" + id + "/block").then().statusCode(303);

        String newcomer = Fleet.uniqueId("new-op");
        admin.form().formParam("name", newcomer).formParam("password", "first password 1").formParam("role", "viewer")
                .post("/operators").then().statusCode(200).body(containsString(newcomer));
        assertTrue(operators.record(newcomer).orElseThrow().mustChangePassword());
        admin.form().formParam("name", "Bad Name").formParam("password", "first password 1")
                .formParam("role", "viewer").post("/operators").then().statusCode(400);
        admin.form().formParam("role", "operator").post("/operators/" + newcomer + "/role").then().statusCode(200);
        assertEquals("operator", operators.record(newcomer).orElseThrow().role().label());
        admin.form().post("/operators/" + newcomer + "/remove").then().statusCode(200);
        assertTrue(operators.record(newcomer).isEmpty());

        admin.page().get("/audit").then().statusCode(200)
                .body(containsString("customer.block"))
                .body(containsString(operator.name()))
                .body(containsString("customer:" + id))
                .body(containsString("operator.add"))
                .body(containsString("127.0.0.1"));
    }

    @Test
    void theEventsPageKeepsItsFiltersInTheUrl() {
        SignedIn viewer = signedIn("viewer");
        String id = reportingCustomer();
        viewer.page().get("/events?customer=" + id + "&severity=error&type=backup_failed&period=24h")
                .then().statusCode(200).body(containsString("backup_failed happened"))
                .body(containsString("value=\"" + id + "\""));
        viewer.page().get("/events?customer=" + id + "&severity=info").then().statusCode(200)
                .body(not(containsString("backup_failed happened")));
        viewer.page().get("/events?type=nonsense").then().statusCode(400);
    }

    @Test
    void signOutEndsTheSessionInTheBrowser() {
        SignedIn viewer = signedIn("viewer");
        viewer.form().post("/sign-out").then().statusCode(303).header("Set-Cookie", containsString("Max-Age=0"));
    }
}
