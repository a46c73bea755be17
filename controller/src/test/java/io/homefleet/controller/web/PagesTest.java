package io.homefleet.controller.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.controller.status.ControllerState;
import io.homefleet.controller.support.PodmanService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The five pages with the real core behind them, configured and reporting to the real hub: each renders in
 * Hungarian by default with what the core knows, in English on request, and only under the served host names.
 */
@QuarkusTest
@TestProfile(WithHubProfile.class)
class PagesTest {

    @Inject
    ControllerState state;
    @Inject
    io.homefleet.controller.runtime.ControllerRuntime runtime;

    /** The core sends its first report at start; the pages are checked once the hub has accepted it. */
    @BeforeEach
    void firstReportAccepted() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (state.hubLink().lastSuccessfulReport() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertNotNull(state.hubLink().lastSuccessfulReport(), "no report reached the hub: " + state.hubLink());
        assertTrue(state.latestReport().isPresent());
        while ((state.hostMetrics().isEmpty() || state.storages().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(state.hostMetrics().isPresent(), "the agent answered no host metrics: " + state.agentLink());
    }

    @Test
    void dashboardShowsHealthHubLinkAppsBackupsAndHostCardInHungarian() {
        String page = given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .extract().asString();
        assertContainsAll(page, "<html lang=\"hu\">", "<h1>Vezérlőpult</h1>", "Ügyfél: Minta Kft. (ui-demo.example)",
                "Kapcsolat a központtal", state.hubLink().hubUrl(), "Utolsó sikeres jelentés",
                "Kapcsolat a gazdagép ügynökével", "<span class=\"badge ok\">Rendben</span>", "Alkalmazások",
                "Biztonsági mentés", "Szerver állapota (gazdagép)", "Memória", "Rendszerlemez", "Hőmérsékletek",
                "Terhelés (1 / 5 / 15 perc)");
        assertTrue(!page.contains("A gazdagép ügynöke még nem küldött adatot."), page);
        // the host's memory as the agent measured it, in Hungarian notation
        long total = state.hostMetrics().orElseThrow().memoryTotal();
        assertTrue(page.contains(String.format(java.util.Locale.forLanguageTag("hu"), "%.1f GiB",
                total / 1024.0 / 1024 / 1024).replace(",0 GiB", " GiB")), "host memory total missing");
        // the report was accepted: its time is shown, not "never"
        assertTrue(!page.contains("Még egy jelentés sem érkezett meg"), page);
        String health = state.latestReport().orElseThrow().health().status().name().toLowerCase();
        assertTrue(page.contains("badge " + health), "health badge " + health + " missing");
    }

    @Test
    void appsPageListsTheInstalledApps() {
        String page = given().get("/apps").then().statusCode(200).extract().asString();
        assertContainsAll(page, "<h1>Alkalmazások</h1>", "Telepített alkalmazások");
        if (PodmanService.available()) {
            // the two containers behind Podman's Docker API, as the core listed them
            assertContainsAll(page, "nextcloud", "adatbazis", "2 fut a(z) 2 telepített alkalmazásból", "Fut",
                    PodmanService.IMAGE, "healthy");
        } else {
            assertContainsAll(page, "0 fut a(z) 0 telepített alkalmazásból", "Még nincs telepített alkalmazás.");
        }
    }

    @Test
    void monitorShowsTheGuestSystemFromTheRealReport() {
        String page = given().get("/monitor").then().statusCode(200).extract().asString();
        assertContainsAll(page, "<h1>Rendszermonitor</h1>", "Vendégrendszer (ez a konténer)", "Memória", "GiB",
                "Terhelés (1 / 5 / 15 perc)", "Üzemidő", "Szerver állapota (gazdagép)", "Lemezek a gazdagépen",
                "Adatot tartalmaz");
        // Hungarian numbers: a decimal comma in the sizes read from /proc
        assertTrue(page.matches("(?s).*\\d+,\\d GiB.*"), "no Hungarian decimal in " + page);
    }

    @Test
    void backupsAndSettingsRender() {
        given().get("/backups").then().statusCode(200)
                .body(containsString("<h1>Biztonsági mentés</h1>"))
                .body(containsString("Utolsó mentés"));
        given().get("/settings").then().statusCode(200)
                .body(containsString("<h1>Beállítások</h1>"))
                .body(containsString("Tárhelyek (a gazdagép ügynökétől)"))
                // the agent's /storage (pvesh stand-in): paths of directory storages, the default one marked
                .body(containsString("/var/lib/vz"))
                .body(containsString("local-lvm"))
                .body(containsString("tank <span class=\"badge ok\">alapértelmezett</span>"))
                .body(containsString("Nincs jelszó beállítva"))
                .body(containsString("Felügyelet a központból"));
    }

    /**
     * The notification preferences on the Settings page: bad input is 400 with the problem named and nothing
     * changed; good input goes into controller.yaml at once (and to the hub through the spool), the page shows it
     * saved and the browser's language follows the choice.
     */
    @Test
    void preferencesAreSavedIntoTheConfigAndShownAgain() throws Exception {
        java.nio.file.Path file = runtime.configFile();
        String before = java.nio.file.Files.readString(file);
        given().contentType("application/x-www-form-urlencoded")
                .formParam("email", "nem-cim").formParam("backup_failed", "on").formParam("language", "de")
                .post("/settings/preferences").then().statusCode(400)
                .body(containsString("Nem mentettük:"))
                .body(containsString("language: must be one of en, hu"))
                .body(containsString("email:"))
                .body(containsString("value=\"nem-cim\""));
        org.junit.jupiter.api.Assertions.assertEquals(before, java.nio.file.Files.readString(file),
                "nothing written for bad input");

        var saved = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("email", "ugyfel@ui-demo.example").formParam("app_down", "on").formParam("language", "hu")
                .post("/settings/preferences").then().statusCode(303)
                .header("Location", containsString("/settings?saved=1"))
                .extract();
        org.junit.jupiter.api.Assertions.assertEquals("hu", saved.cookie(Languages.COOKIE));
        var preferences = runtime.config().preferences();
        org.junit.jupiter.api.Assertions.assertEquals(
                new io.homefleet.controller.config.ControllerConfig.Preferences("hu", "ugyfel@ui-demo.example", false,
                        true, false), preferences);
        String written = java.nio.file.Files.readString(file);
        assertTrue(written.contains("email: \"ugyfel@ui-demo.example\"") || written.contains("email: ugyfel@ui-demo.example"),
                written);
        given().get("/settings?saved=1").then().statusCode(200)
                .body(containsString("Elmentve; a központ a következő kapcsolatkor megkapja."))
                .body(containsString("value=\"ugyfel@ui-demo.example\""))
                .body(containsString("name=\"app_down\" value=\"on\" checked"))
                .body(not(containsString("name=\"backup_failed\" value=\"on\" checked")));
    }

    @Test
    void englishIsAvailableAndTheChoiceIsKeptInACookie() {
        String cookie = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("lang", "en").formParam("back", "/monitor")
                .post("/language").then().statusCode(303)
                .header("Location", containsString("/monitor"))
                .extract().cookie(Languages.COOKIE);
        assertTrue("en".equals(cookie), "cookie " + cookie);
        given().cookie(Languages.COOKIE, "en").get("/").then().statusCode(200)
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("<h1>Dashboard</h1>"))
                .body(containsString("Server status (host)"))
                .body(not(containsString("Vezérlőpult</h1>")));
        given().cookie(Languages.COOKIE, "en").get("/monitor").then().statusCode(200)
                .body(containsString("Guest system (this container)"));
        // an unknown language falls back to Hungarian; an outside return address to the dashboard
        given().cookie(Languages.COOKIE, "xx").get("/").then().body(containsString("<h1>Vezérlőpult</h1>"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("lang", "hu").formParam("back", "//evil.example/x")
                .post("/language").then().statusCode(303).header("Location", not(containsString("evil")));
    }

    @Test
    void hostGateServesOnlyTheConfiguredNames() {
        for (String host : new String[]{ControllerWithHub.HOST_NAME, "FELHOM.ui-demo.example", "localhost", "127.0.0.1"}) {
            given().header("Host", host).get("/").then().statusCode(200).body(containsString("Vezérlőpult"));
        }
        for (String path : new String[]{"/", "/apps", "/settings", "/api/status", "/assets/controller.css",
                                        "/q/openapi", "/setup"}) {
            given().header("Host", "1.2.3.4").get(path).then().statusCode(404)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:homefleet:problem:not-found"));
            given().header("Host", "other.example").get(path).then().statusCode(404);
        }
        given().header("Host", "1.2.3.4").post("/language").then().statusCode(404);
        // probes call the address, not a name
        given().header("Host", "1.2.3.4").get("/q/health/live").then().statusCode(200);
        given().header("Host", "10.0.0.5:8080").get("/q/health/ready").then().statusCode(not(404));
        // the assets are the controller's own
        given().get("/assets/controller.css").then().statusCode(200).body(containsString("prefers-color-scheme"));
    }

    @Test
    void setupPageLeadsToTheDashboardOnceConfigured() {
        given().redirects().follow(false).get("/setup").then().statusCode(303).header("Location", containsString("/"));
    }

    private static void assertContainsAll(String page, String... parts) {
        for (String part : parts) {
            assertTrue(page.contains(part), "missing \"" + part + "\" in:\n" + page);
        }
    }
}
