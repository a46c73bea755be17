package io.homefleet.hub.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.testing.HeadlessChromium;
import io.homefleet.hub.operator.OperatorAccounts;
import io.homefleet.hub.support.Fleet;
import io.homefleet.service.web.PasswordHasher;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The operator's walk through the dashboard in a real headless Chromium (Debian's chromium and chromium-driver):
 * sign in, see the fleet, filter and reload with the filter kept, open a customer, block it and see it greyed under
 * Customers and gone from the Fleet, change the password, sign out. Every page is saved as a screenshot under
 * target/screenshots/ (docs/img/ holds current copies for docs/hub.md).
 */
@QuarkusTest
class DashboardBrowserTest {
    static final Path SHOTS = Path.of("target/screenshots");
    static final String PASSWORD = "browser test password";

    @TestHTTPResource("/")
    URL base;

    @Inject
    OperatorAccounts operators;

    HeadlessChromium chromium;
    WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void shot(String name) throws IOException {
        chromium.screenshot(SHOTS, name);
    }

    @Test
    void anOperatorsWalkThroughTheDashboard() throws IOException {
        String name = Fleet.uniqueId("walker");
        operators.add(name, PASSWORD, "admin");
        operators.setPassword(name, PASSWORD, false);
        String id = Fleet.createCustomer(Fleet.uniqueId("acme"));
        String key = Fleet.customerKey(id);
        Fleet.as(key).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        Fleet.as(key).body(Fleet.event(id, "backup_failed", "error")).post("/api/v1/event").then().statusCode(202);
        String host = Fleet.createHost(Fleet.uniqueId("pve"), "c1", List.of("10.0.0.7"));
        Map<String, Object> hostReport = new HashMap<>(Fleet.hostReport(host));
        hostReport.put("guests", List.of(Map.of("vmid", 9400, "name", "acme", "status", "running", "customer_id", id)));
        hostReport.put("temperatures", Map.of("node", "pve", "cpu", Map.of("package", 74.0,
                "cores", List.of(Map.of("index", 0, "temp", 71.0), Map.of("index", 1, "temp", 66.0))),
                "nvme", List.of(Map.of("device", "nvme0", "chip", "nvme-pci-0100", "temp", 48.0))));
        Fleet.as(Fleet.hostKey(host)).body(hostReport).post("/api/v1/hosts/" + host + "/report").then().statusCode(202);

        // sign in: the fleet is behind the sign-in page
        browser.get(url("/"));
        assertTrue(browser.getCurrentUrl().contains("/sign-in"), browser.getCurrentUrl());
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        shot("sign-in");
        chromium.submit("#sign-in");
        assertTrue(browser.getTitle().contains("Fleet"), browser.getTitle());
        assertTrue(chromium.text("#fleet-table").contains(id));
        shot("fleet");

        // filter, then reload: the filter is in the URL and survives
        WebElement q = browser.findElement(By.id("q"));
        q.clear();
        q.sendKeys(id);
        chromium.submit("#fleet-filters");
        assertTrue(browser.getCurrentUrl().contains("q=" + id), browser.getCurrentUrl());
        browser.navigate().refresh();
        assertEquals(id, browser.findElement(By.id("q")).getAttribute("value"));
        String table = chromium.text("#fleet-table");
        assertTrue(table.contains(id) && table.contains("(1 customers)"), table);
        // keyboard: the search field takes focus and shows it
        browser.findElement(By.id("q")).sendKeys("");
        assertEquals("q", browser.switchTo().activeElement().getAttribute("id"));

        // open the customer and block it
        // the fleet table refreshes itself in place: find the link and click it in one step
        chromium.clickAndWaitForNextPage(By.linkText(id));
        assertTrue(browser.findElement(By.id("why")).getText().startsWith("Reported"));
        assertTrue(browser.getPageSource().contains("<svg class=\"chart\""));
        shot("customer");
        chromium.submit("#block-form");
        assertTrue(browser.findElement(By.cssSelector("h1 .badge")).getText().equalsIgnoreCase("blocked"));

        // greyed under Customers, gone from the Fleet
        browser.get(url("/customers?q=" + id));
        WebElement row = browser.findElement(By.id("row-" + id));
        assertTrue(row.getAttribute("class").contains("blocked"));
        double opacity = Double.parseDouble(row.findElement(By.tagName("td")).getCssValue("opacity"));
        assertTrue(opacity < 1.0, "blocked rows are greyed: opacity " + opacity);
        shot("customers");
        browser.get(url("/?q=" + id));
        assertFalse(chromium.text("#fleet-table").contains(id));

        browser.get(url("/hosts"));
        assertTrue(browser.getPageSource().contains(host));
        shot("hosts");
        browser.get(url("/hosts/" + host));
        WebElement hottest = browser.findElement(By.cssSelector(".temp.hottest"));
        assertTrue(hottest.getText().contains("CPU package"), hottest.getText());
        assertEquals("warn", hottest.getAttribute("data-level"));
        shot("host");
        browser.get(url("/events?customer=" + id));
        assertTrue(browser.findElement(By.id("events")).getText().contains("backup_failed"));
        shot("events");
        browser.get(url("/operators"));
        shot("operators");
        browser.get(url("/audit"));
        assertTrue(browser.findElement(By.id("audit")).getText().contains("customer.block"));
        shot("audit");

        // phone width: the fleet still fits
        browser.manage().window().setSize(HeadlessChromium.PHONE);
        browser.get(url("/"));
        shot("fleet-phone");
        browser.manage().window().setSize(HeadlessChromium.DESKTOP);

        // change the password
        browser.get(url("/account/password"));
        browser.findElement(By.id("current")).sendKeys(PASSWORD);
        browser.findElement(By.id("new")).sendKeys("a brand new password");
        browser.findElement(By.id("repeat")).sendKeys("a brand new password");
        shot("password");
        chromium.submit("#password-form");
        // the change ends the session: sign in again with the new password
        chromium.until("the sign-in page after the password change", d -> d.getCurrentUrl().contains("/sign-in"));
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("a brand new password");
        chromium.submit("#sign-in");
        chromium.until("the fleet after signing in with the new password", d -> d.getTitle().contains("Fleet"));
        assertTrue(PasswordHasher.verify("a brand new password",
                operators.record(name).orElseThrow().passwordHash()));

        // sign out: the fleet is behind the sign-in page again
        chromium.submit("form[action='/sign-out']");
        chromium.until("the sign-in page after signing out", d -> d.getCurrentUrl().contains("/sign-in"));
        browser.get(url("/"));
        assertTrue(browser.getCurrentUrl().contains("/sign-in"), browser.getCurrentUrl());
    }
}
