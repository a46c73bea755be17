package io.homefleet.provisioning.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostState;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Names;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The dashboard's pages, forms and live stream over HTTP, behind the shared browser sign-in. */
@QuarkusTest
class DashboardPagesTest {

    @Test
    void pagesNeedASignedInSession() {
        given().redirects().follow(false).accept("text/html").get("/").then().statusCode(302)
                .header("Location", containsString("/sign-in"));
        given().redirects().follow(false).accept("text/html").get("/hosts/x").then().statusCode(302);
        given().accept("text/event-stream").get("/events").then().statusCode(401);
        // The boot endpoints stay open to machines, never a sign-in redirect.
        given().redirects().follow(false).accept("text/html, */*;q=0.8").get("/ipxe/52:54:00:aa:bb:01").then().statusCode(200)
                .body(startsWith("#!ipxe"));
        // A wrong password: the form again, no session.
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("name", "operator").formParam("password", "not-the-password").post("/sign-in")
                .then().statusCode(401).contentType("text/html").body(containsString("<form"))
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        // The operator's API token opens no page: the dashboard is a browser session's.
        given().redirects().follow(false).header("Authorization", "Bearer " + Api.OPERATOR).accept("text/html")
                .get("/").then().statusCode(403);
    }

    @Test
    void gridShowsHostsDiscoveredMachinesAndPxe() {
        Names.Machine host = Names.next("grid");
        Api.register(host, "minisforum-ms-01");
        String unknown = Names.next("seen").mac();
        given().get("/ipxe/" + unknown).then().statusCode(200);

        String html = DashboardSession.signIn().page("/");

        assertTrue(html.contains("data-host=\"" + host.hostname() + "\""), html);
        assertTrue(html.contains("<span class=\"state\">registered</span>"), html);
        assertTrue(html.contains("<tr data-mac=\"" + unknown + "\">"), "discovered machine listed");
        assertTrue(html.contains("action=\"/discovered/" + unknown + "/register\""), "one-click registration form");
        assertTrue(html.contains("<option value=\"minisforum-ms-01\">Minisforum MS-01</option>"), html);
        assertTrue(html.contains("id=\"pxe-state\">disabled</span>"), "PXE panel says dnsmasq is off");
    }

    @Test
    void aDiscoveredMachineIsRegisteredWithOneFormAndOnlyWithTheCsrfToken() {
        String mac = Names.next("disc").mac();
        String hostname = "disc-" + mac.substring(9).replace(":", "");
        given().get("/ipxe/" + mac).then().statusCode(200);
        DashboardSession browser = DashboardSession.signIn();
        String csrf = DashboardSession.csrf(browser.page("/"));

        browser.browser().contentType("application/x-www-form-urlencoded").formParam("hostname", hostname)
                .formParam("server_type", "minisforum-um790").post("/discovered/" + mac + "/register")
                .then().statusCode(403).body("type", equalTo("urn:homefleet:problem:csrf-rejected"));
        Api.operator().get("/api/v1/hosts/" + hostname).then().statusCode(404);

        browser.browser().contentType("application/x-www-form-urlencoded").formParam("_csrf", csrf)
                .formParam("hostname", "Bad_Name").formParam("server_type", "minisforum-um790")
                .post("/discovered/" + mac + "/register").then().statusCode(303)
                .header("Location", containsString("/?error="));
        Api.operator().get("/api/v1/hosts/Bad_Name").then().statusCode(404);

        browser.browser().contentType("application/x-www-form-urlencoded").formParam("_csrf", csrf)
                .formParam("hostname", hostname).formParam("server_type", "minisforum-um790")
                .post("/discovered/" + mac + "/register").then().statusCode(303)
                .header("Location", containsString("/hosts/" + hostname));
        Api.operator().get("/api/v1/hosts/" + hostname).then().statusCode(200).body("mac", equalTo(mac))
                .body("server_type", equalTo("minisforum-um790"));
        Api.operator().get("/api/v1/discovered").then().body("mac", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasItem(mac)));
    }

    @Test
    void hostPageShowsHistoryAndRebuildsFromItsForm() {
        Names.Machine m = Names.next("detail");
        Api.register(m, "minisforum-ms-01");
        DashboardSession browser = DashboardSession.signIn();
        String page = browser.page("/hosts/" + m.hostname());
        assertTrue(page.contains("id=\"host-state\">registered</span>"), page);
        assertFalse(page.contains("id=\"failure\""), "no failure panel for a healthy host");

        browser.browser().contentType("application/x-www-form-urlencoded").formParam("_csrf", DashboardSession.csrf(page))
                .post("/hosts/" + m.hostname() + "/rebuild").then().statusCode(303)
                .header("Location", containsString("/hosts/" + m.hostname()));

        assertEquals("pxe_ready", Api.state(m.hostname()));
        String after = browser.page("/hosts/" + m.hostname());
        assertTrue(after.contains("id=\"host-state\">pxe_ready</span>"), after);
        assertTrue(after.contains("<td>registered</td><td>pxe_ready</td><td>rebuild requested</td><td>dashboard:operator</td>"),
                "the rebuild is in the history with its actor: " + after);
    }

    @Test
    void aFailedHostShowsTheStepTheExitStatusAndTheLastOutputLines() {
        Names.Machine m = Names.next("failed");
        Api.register(m, "minisforum-ms-01");
        String output = IntStream.rangeClosed(1, 30).mapToObj(i -> "pvecm line " + i).collect(Collectors.joining("\n"));
        QuarkusTransaction.requiringNew().run(() -> {
            HostEntity h = HostEntity.findById(m.hostname());
            h.state = HostState.FAILED;
            h.failedState = HostState.JOINING;
            h.failedStep = "pvecm add 10.0.0.11";
            h.failureReason = "pvecm add exited with status 255";
            h.failureExitStatus = 255;
            h.failureOutput = output;
        });

        String page = DashboardSession.signIn().page("/hosts/" + m.hostname());

        assertTrue(page.contains("<dt>step</dt><dd>pvecm add 10.0.0.11</dd>"), page);
        assertTrue(page.contains("<dt>exit status</dt><dd>255</dd>"), page);
        assertTrue(page.contains("pvecm line 30"), page);
        assertTrue(page.contains("pvecm line 11\n"), page);
        assertFalse(page.contains("pvecm line 10\n"), "only the last 20 lines");
        assertTrue(page.contains("Retry from joining"), page);
        String grid = DashboardSession.signIn().page("/");
        assertTrue(grid.contains("failed in joining at pvecm add 10.0.0.11"), grid);
    }

    @Test
    void pxePageShowsDnsmasqState() {
        String page = DashboardSession.signIn().page("/pxe");
        assertTrue(page.contains("id=\"pxe-state\">disabled</span>"), page);
        assertTrue(page.contains("PXE is disabled"), page);
        assertTrue(page.contains("Generated dnsmasq.conf"), page);
    }

    @Test
    void eventsStreamCommittedStateChanges() throws Exception {
        Names.Machine m = Names.next("live");
        Api.register(m, "minisforum-ms-01");
        DashboardSession browser = DashboardSession.signIn();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/events"))
                .header("Cookie", DashboardSession.COOKIE + "=" + browser.cookie).header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.util.stream.Stream<String>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        awaitLine(lines, ":connected", Duration.ofSeconds(10));

        Api.operator().post("/api/v1/hosts/" + m.hostname() + "/rebuild").then().statusCode(200);

        awaitLine(lines, "event:host", Duration.ofSeconds(10));
        String data = awaitLine(lines, "\"id\":\"" + m.hostname() + "\"", Duration.ofSeconds(10));
        assertTrue(data.contains("\"from\":\"registered\"") && data.contains("\"state\":\"pxe_ready\""), data);
        assertTrue(data.contains("\"actor\":\"operator\"") || data.contains("\"actor\":"), data);
        response.body().close();
    }

    private static String awaitLine(BlockingQueue<String> lines, String containing, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.replace(" ", "").contains(containing.replace(" ", ""))) {
                return line;
            }
        }
        throw new AssertionError("no event line containing " + containing);
    }
}
