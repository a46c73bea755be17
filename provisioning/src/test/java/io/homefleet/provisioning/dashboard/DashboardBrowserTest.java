package io.homefleet.provisioning.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.testing.HeadlessChromium;
import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostState;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Names;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A short walk through the dashboard in headless Chromium: sign in, see the grid change live when a rebuild is
 * requested elsewhere, register a discovered machine, read a failed host's page, look at PXE. Screenshots go to
 * {@code target/screenshots/} (docs/img/provisioning-*.png are copies of them).
 */
@QuarkusTest
class DashboardBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL root;

    HeadlessChromium chromium;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void signInWatchAHostGoLiveRegisterADiscoveredMachineAndReadAFailure() throws Exception {
        Names.Machine waiting = Names.next("pve-ms");
        Api.register(waiting, "minisforum-ms-01");
        Names.Machine ready = Names.next("pve-um");
        Api.register(ready, "minisforum-um790");
        Names.Machine failed = Names.next("pve-ms");
        Api.register(failed, "minisforum-ms-01");
        QuarkusTransaction.requiringNew().run(() -> {
            HostEntity r = HostEntity.findById(ready.hostname());
            r.state = HostState.READY;
            HostEntity f = HostEntity.findById(failed.hostname());
            f.state = HostState.FAILED;
            f.failedState = HostState.JOINING;
            f.failedStep = "pvecm add 192.168.1.11";
            f.failureReason = "pvecm add exited with status 255";
            f.failureExitStatus = 255;
            f.failureOutput = "Please enter superuser (root) password for '192.168.1.11':\n"
                    + "Establishing API connection with host '192.168.1.11'\n"
                    + "The authenticity of host '192.168.1.11' can't be established.\n"
                    + "X509 SHA256 key fingerprint is 3B:90:...:C2.\n"
                    + "500 Can't connect to 192.168.1.11:8006 (Connection refused)";
        });
        String unknown = Names.next("seen").mac();
        given().get("/ipxe/" + unknown).then().statusCode(200);

        // Sign in through the form the redirect leads to.
        browser.get(root.toString());
        assertTrue(browser.getCurrentUrl().contains("/sign-in"), browser.getCurrentUrl());
        browser.findElement(By.name("name")).sendKeys("operator");
        browser.findElement(By.name("password")).sendKeys(DashboardSession.password());
        chromium.submit("form[action='/sign-in']");
        chromium.awaitText("h1", "Hosts");
        chromium.until("the live stream connected", d -> "on".equals(
                d.findElement(By.id("live")).getAttribute("data-live")));

        // A rebuild requested over the API turns the tile without a reload.
        String waitingState = "li[data-host='" + waiting.hostname() + "'] .state";
        assertEquals("REGISTERED", chromium.text(waitingState));
        Api.operator().post("/api/v1/hosts/" + waiting.hostname() + "/rebuild").then().statusCode(200);
        chromium.until("the tile turned to pxe_ready",
                d -> "PXE_READY".equals(d.findElement(By.cssSelector(waitingState)).getText()));
        shoot("provisioning-hosts");

        // The failed host's page: step, exit status, output.
        chromium.clickAndWaitForNextPage(By.cssSelector("li[data-host='" + failed.hostname() + "'] a"));
        chromium.awaitText("#failure h2", "What failed");
        String failure = browser.findElement(By.id("failure")).getText();
        assertTrue(failure.contains("pvecm add 192.168.1.11") && failure.contains("255")
                && failure.contains("Connection refused"), failure);
        shoot("provisioning-host-failed");

        // One-click registration of the discovered machine.
        chromium.clickAndWaitForNextPage(By.linkText("Hosts"));
        String hostname = "pve-new-" + unknown.substring(12).replace(":", "");
        browser.findElement(By.cssSelector("tr[data-mac='" + unknown + "'] input[name=hostname]")).sendKeys(hostname);
        chromium.submit("tr[data-mac='" + unknown + "'] form");
        chromium.awaitText("#host h1", hostname);
        assertEquals("registered", Api.state(hostname));

        // PXE: state and log, also at phone width.
        chromium.clickAndWaitForNextPage(By.linkText("PXE"));
        chromium.awaitText("#pxe h2", "PXE (dnsmasq)");
        shoot("provisioning-pxe");
        browser.manage().window().setSize(HeadlessChromium.PHONE);
        chromium.clickAndWaitForNextPage(By.linkText("Hosts"));
        chromium.awaitText("h1", "Hosts");
        Object sideways = browser.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        assertEquals(Boolean.FALSE, sideways, "no sideways scrolling at phone width");
        shoot("provisioning-hosts-phone");
    }

    /**
     * The window as it is, under target/screenshots/ (as the hub's and the controller's walks do: a test run leaves the
     * checked-out docs alone; docs/img/ copies are taken from there when the pages change).
     */
    private void shoot(String name) throws Exception {
        chromium.screenshot(SHOTS, name);
    }
}
