package io.homefleet.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The waits the services' browser walks rely on, against pages that make the races happen: a form that a script sends
 * a moment after the click, to an answer that comes late (a read right after the click sees the page being left),
 * and a link that a script replaces many times a second (an element found once goes stale under the next call).
 */
class HeadlessChromiumTest {
    static final Duration SLOW_ANSWER = Duration.ofMillis(1500);
    static final int REPLACEMENTS = 25;

    static HttpServer server;
    static HeadlessChromium chromium;
    static final AtomicInteger POSTS = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // the click returns before the navigation starts, as where a page's script sends its form
        server.createContext("/form", exchange -> page(exchange, "Form",
                "<form id='slow' method='post' action='/slow'><button type='submit'>Go</button></form><script>"
                        + "document.getElementById('slow').addEventListener('submit', function (event) {"
                        + " event.preventDefault(); setTimeout(function () { event.target.submit(); }, 300); });"
                        + "</script>"));
        server.createContext("/slow", exchange -> {
            POSTS.incrementAndGet();
            sleep(SLOW_ANSWER);
            exchange.getResponseHeaders().add("Location", "/done");
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
        });
        server.createContext("/done", exchange -> page(exchange, "Done", "<p id='posts'>" + POSTS.get() + "</p>"));
        // for its first second the page replaces its link 25 times, faster than a click or a read takes
        server.createContext("/live", exchange -> page(exchange, "Live",
                "<div id='holder'></div><script>"
                        + "var n = 0; function render() { document.getElementById('holder').innerHTML ="
                        + " \"<a id='next' href='/done'>next</a> <span id='tick'>tick \" + n + \"</span>\"; }"
                        + "render(); var timer = setInterval(function () { n++; render();"
                        + " if (n === " + REPLACEMENTS + ") { clearInterval(timer); } }, 40);"
                        + "</script>"));
        // replaces its tick every 40 ms until the test says stop: every read before that meets a replaced element
        server.createContext("/ticking", exchange -> page(exchange, "Ticking",
                "<div id='holder'></div><script>"
                        + "var n = 0; window.ticking = true; function render() { document.getElementById('holder')"
                        + ".innerHTML = \"<span id='tick'>tick \" + n + \"</span>\"; }"
                        + "render(); var timer = setInterval(function () { if (!window.ticking) {"
                        + " clearInterval(timer); return; } n++; render(); }, 40);"
                        + "</script>"));
        server.start();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        server.stop(0);
    }

    @BeforeEach
    void resetPosts() {
        POSTS.set(0);
    }

    @Test
    void submitReturnsOnlyOnceTheNextPageIsThere() {
        chromium.driver().get(url("/form"));
        chromium.submit("#slow");
        assertEquals("Done", chromium.driver().findElement(By.tagName("h1")).getText());
        assertEquals("1", chromium.driver().findElement(By.id("posts")).getText(), "the form was sent once");
    }

    @Test
    void aLinkThatAScriptKeepsReplacingIsStillClicked() {
        chromium.driver().get(url("/live"));
        chromium.clickAndWaitForNextPage(By.id("next"));
        assertEquals("Done", chromium.driver().findElement(By.tagName("h1")).getText());
    }

    @Test
    void textAndAwaitTextReadThroughReplacedElements() {
        chromium.driver().get(url("/ticking"));
        org.openqa.selenium.JavascriptExecutor page = (org.openqa.selenium.JavascriptExecutor) chromium.driver();
        // the page is replacing its element, and goes on doing so the whole time these reads run (until told to stop)
        chromium.until("the page ticking", browser -> ((Number) page.executeScript("return n;")).intValue() >= 3
                ? Boolean.TRUE : null);
        for (int i = 0; i < 20; i++) {
            assertTrue(chromium.text("#tick").startsWith("tick "));
        }
        Object last = page.executeScript("window.ticking = false; return n;");
        assertEquals("tick " + last, chromium.awaitText("#holder", "tick " + last));
    }

    @Test
    void aWaitThatRunsOutNamesWhatItWaitedForAndWhere() {
        chromium.driver().get(url("/form"));
        chromium.waitAtMost(Duration.ofMillis(300));
        try {
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> chromium.awaitText("h1", "a heading that never comes"));
            assertTrue(failure.getMessage().contains("'a heading that never comes' in h1"), failure.getMessage());
            assertTrue(failure.getMessage().contains(url("/form")), failure.getMessage());
        } finally {
            chromium.waitAtMost(HeadlessChromium.WAIT);
        }
    }

    @Test
    void screenshotsLandWhereAsked() throws IOException {
        chromium.driver().get(url("/form"));
        Path dir = Path.of("target", "screenshots", "headless-chromium-test");
        Path shot = chromium.screenshot(dir, "form");
        assertEquals(dir.resolve("form.png"), shot);
        byte[] png = Files.readAllBytes(shot);
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG file");
    }

    private static String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }

    private static void page(HttpExchange exchange, String heading, String body) throws IOException {
        byte[] html = ("<!doctype html><html><head><title>" + heading + "</title></head><body><h1>" + heading
                + "</h1>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, html.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(html);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
