package io.homefleet.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Debian's chromium, headless, driven through its chromium-driver for the services' browser tests: a fresh profile
 * under {@code target/}, no network of its own (no updates, sync or QUIC), a 1280x900 window.
 *
 * <p>A page is never read while it is being left: {@link #clickAndWaitForNextPage} and {@link #submit} return once
 * the next page has replaced it, and {@link #until} polls through the moments when a live page replaces the element
 * being read. A machine without chromium fails the test rather than skipping it (CI installs both packages from the
 * module's {@code ci-packages.txt}; a skipped walk would hide a broken one).
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration PAGE_LOAD = Duration.ofSeconds(30);
    /**
     * Selenium warns on every start that it has no DevTools (CDP) binding for this chromium's version: Debian's
     * chromium is newer than any Selenium's set, and the walks use WebDriver only, never CDP. Held here because
     * java.util.logging keeps loggers only while someone refers to them.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private Duration wait = WAIT;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts chromedriver and a headless chromium with a fresh profile under {@code target/}.
     *
     * @param extraArguments further chromium flags, such as {@code --lang=hu}
     */
    public static HeadlessChromium start(String... extraArguments) throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: browser tests need the Debian packages chromium"
                        + " and chromium-driver (the module's ci-packages.txt lists them)");
            }
        }
        Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile");
        List<String> arguments = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight()));
        arguments.addAll(List.of(extraArguments));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
        return new HeadlessChromium(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Clicks {@code element} and returns once the page it was on has been replaced by the next one. */
    public void clickAndWaitForNextPage(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        awaitNextPage(page, "the page after a click on " + element);
    }

    /**
     * Finds and clicks in one step, again while a live page replaces the element under the click (never once the
     * page is being left: a form is not sent twice), then waits for the next page as
     * {@link #clickAndWaitForNextPage(WebElement)} does.
     */
    public void clickAndWaitForNextPage(By target) {
        WebElement page = driver.findElement(By.tagName("html"));
        ExpectedCondition<Boolean> left = ExpectedConditions.stalenessOf(page);
        until("a click on " + target, browser -> {
            if (!left.apply(browser)) {
                browser.findElement(target).click();
            }
            return true;
        });
        awaitNextPage(page, "the page after a click on " + target);
    }

    /** Clicks the submit button of the form {@code formCss} and waits for the page the form leads to. */
    public void submit(String formCss) {
        clickAndWaitForNextPage(By.cssSelector(formCss + " button[type=submit]"));
    }

    /**
     * Polls {@code condition} until it returns a value other than null or false, and returns it. While polling,
     * Selenium's exceptions (an element not there yet, or replaced under the read) count as "not yet"; at the end the
     * failure names {@code description} and the page the browser is on.
     */
    public <T> T until(String description, Function<WebDriver, T> condition) {
        try {
            return new FluentWait<WebDriver>(driver)
                    .withTimeout(wait)
                    .pollingEvery(Duration.ofMillis(100))
                    .ignoring(WebDriverException.class)
                    .until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + wait.toMillis() + " ms waiting for " + description + " on "
                    + currentUrl(), e);
        }
    }

    /** Waits until an element matching {@code css} contains {@code text}; returns that element's whole text. */
    public String awaitText(String css, String text) {
        return until("'" + text + "' in " + css, browser -> browser.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .filter(seen -> seen.contains(text))
                .findFirst()
                .orElse(null));
    }

    /** The text of the first element matching {@code css}, read again if the page replaces it under the read. */
    public String text(String css) {
        return until("the text of " + css, browser -> browser.findElement(By.cssSelector(css)).getText());
    }

    /** Saves what the window shows as {@code dir/name.png}. */
    public Path screenshot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Saves the whole page as {@code dir/name.png}: the window grows to the page's height for the shot. */
    public Path fullPageScreenshot(Path dir, String name) throws IOException {
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(
                new Dimension(window.getWidth(), Math.max(window.getHeight(), height.intValue() + 120)));
        try {
            return screenshot(dir, name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** For this class's own test of a wait that times out. */
    void waitAtMost(Duration timeout) {
        wait = timeout;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private void awaitNextPage(WebElement previous, String description) {
        until(description, ExpectedConditions.stalenessOf(previous));
        // the old page is gone once the next one is committed; its scripts and images may still be loading
        until(description + " to finish loading", browser -> "complete".equals(
                driver.executeScript("return document.readyState")));
    }

    private String currentUrl() {
        try {
            return driver.getCurrentUrl();
        } catch (WebDriverException e) {
            return "(the browser does not answer: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }
}
