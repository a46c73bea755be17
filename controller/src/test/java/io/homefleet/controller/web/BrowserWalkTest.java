package io.homefleet.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.testing.HeadlessChromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.pagefactory.ByChained;

/**
 * Walks the five pages in headless Chromium the way a customer does: through the menu, by keyboard, at desktop
 * and phone width, then in English. Screenshots land in {@code target/screenshots/}.
 */
@QuarkusTest
@TestProfile(WithHubProfile.class)
class BrowserWalkTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static final List<String[]> PAGES = List.of(
            new String[]{"dashboard", "Vezérlőpult", "Dashboard"},
            new String[]{"apps", "Alkalmazások", "Apps"},
            new String[]{"monitor", "Rendszermonitor", "System monitor"},
            new String[]{"backups", "Biztonsági mentés", "Backups"},
            new String[]{"settings", "Beállítások", "Settings"});

    @TestHTTPResource("/")
    URL root;

    HeadlessChromium chromium;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = HeadlessChromium.start("--lang=hu");
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void walksTheFivePagesThroughTheMenuInHungarianThenEnglish() throws Exception {
        browser.get(root.toString());
        assertEquals("hu", browser.findElement(By.tagName("html")).getAttribute("lang"));
        for (String[] page : PAGES) {
            chromium.clickAndWaitForNextPage(new ByChained(By.tagName("nav"), By.linkText(page[1])));
            assertEquals(page[1], browser.findElement(By.tagName("h1")).getText());
            WebElement current = browser.findElement(By.cssSelector("nav a[aria-current=page]"));
            assertEquals(page[1], current.getText());
            shoot("controller-" + page[0]);
        }
        String dashboard = visit("/");
        assertTrue(dashboard.contains("Szerver állapota (gazdagép)"), dashboard);

        // the language switch is a labelled control; the choice sticks for later pages
        WebElement select = browser.findElement(By.id("lang-select"));
        assertEquals("Nyelv", browser.findElement(By.cssSelector("label[for=lang-select]")).getText());
        select.findElement(By.cssSelector("option[value=en]")).click();
        chromium.submit("form.lang");
        assertEquals("Dashboard", browser.findElement(By.tagName("h1")).getText());
        for (String[] page : PAGES) {
            chromium.clickAndWaitForNextPage(new ByChained(By.tagName("nav"), By.linkText(page[2])));
            assertEquals(page[2], browser.findElement(By.tagName("h1")).getText());
        }
        shoot("controller-settings-en");
    }

    @Test
    void keyboardReachesTheSkipLinkAndTheMenu() {
        browser.get(root.toString());
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertEquals("Ugrás a tartalomra", focused.getText());
        focused.sendKeys(Keys.TAB);
        focused = browser.switchTo().activeElement();
        focused.sendKeys(Keys.TAB);
        focused = browser.switchTo().activeElement();
        assertEquals("Vezérlőpult", focused.getText(), "the menu follows the brand link in tab order");
        // a visible focus ring: the outline is drawn on the focused link
        String outline = focused.getCssValue("outline-style");
        assertEquals("solid", outline);
    }

    @Test
    void phoneWidthHasNoSidewaysScrolling() throws Exception {
        browser.manage().window().setSize(HeadlessChromium.PHONE);
        for (String[] page : PAGES) {
            browser.get(root + (page[0].equals("dashboard") ? "" : page[0]));
            Number scroll = (Number) browser.executeScript("return document.documentElement.scrollWidth");
            Number width = (Number) browser.executeScript("return document.documentElement.clientWidth");
            assertTrue(scroll.intValue() <= width.intValue(), page[0] + " is " + scroll + " px wide at " + width + " px");
        }
        browser.get(root.toString());
        shoot("controller-dashboard-phone");
    }

    private String visit(String path) {
        browser.get(root.toString().replaceAll("/$", "") + path);
        return browser.getPageSource();
    }

    /** The whole page, not only the window. */
    private void shoot(String name) throws Exception {
        chromium.fullPageScreenshot(SHOTS, name);
    }
}
