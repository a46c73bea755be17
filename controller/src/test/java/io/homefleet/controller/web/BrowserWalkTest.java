package io.homefleet.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Walks the five pages in headless Chromium the way a customer does: through the menu, by keyboard, at desktop
 * and phone width, then in English. Screenshots land in {@code target/screenshots/}.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(WithHubProfile.class)
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

    ChromeDriver browser;
    Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory(Path.of("target"), "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900",
                "--lang=hu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void walksTheFivePagesThroughTheMenuInHungarianThenEnglish() throws Exception {
        browser.get(root.toString());
        assertEquals("hu", browser.findElement(By.tagName("html")).getAttribute("lang"));
        for (String[] page : PAGES) {
            browser.findElement(By.cssSelector("nav")).findElement(By.linkText(page[1])).click();
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
        browser.findElement(By.cssSelector("form.lang button")).click();
        awaitHeading("Dashboard");
        for (String[] page : PAGES) {
            browser.findElement(By.cssSelector("nav")).findElement(By.linkText(page[2])).click();
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
        browser.manage().window().setSize(new Dimension(390, 844));
        for (String[] page : PAGES) {
            browser.get(root + (page[0].equals("dashboard") ? "" : page[0]));
            Number scroll = (Number) browser.executeScript("return document.documentElement.scrollWidth");
            Number width = (Number) browser.executeScript("return document.documentElement.clientWidth");
            assertTrue(scroll.intValue() <= width.intValue(), page[0] + " is " + scroll + " px wide at " + width + " px");
        }
        browser.get(root.toString());
        shoot("controller-dashboard-phone");
    }

    /** A form post navigates asynchronously; wait for the next page's heading. */
    private void awaitHeading(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            List<WebElement> h1 = browser.findElements(By.tagName("h1"));
            try {
                seen = h1.isEmpty() ? null : h1.get(0).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                seen = null;
            }
            if (expected.equals(seen)) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(expected, seen);
    }

    private String visit(String path) {
        browser.get(root.toString().replaceAll("/$", "") + path);
        return browser.getPageSource();
    }

    /** The whole page, not only the window: the window grows to the page's height for the shot. */
    private void shoot(String name) throws Exception {
        Dimension window = browser.manage().window().getSize();
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(window.getWidth(), Math.max(window.getHeight(), height.intValue() + 120)));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        browser.manage().window().setSize(window);
        Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
