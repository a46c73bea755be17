package io.homefleet.controller.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.CustomerPreferences;
import io.homefleet.common.contract.v1.EventType;
import io.homefleet.common.contract.v1.Severity;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.controller.agent.AgentLink;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.config.ControllerConfigLoader;
import io.homefleet.common.testing.RealHub;
import io.homefleet.controller.system.ProcSystemStats;
import io.homefleet.service.retry.Backoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub link against the real hub (its jar, embedded PostgreSQL): reports and events land with the customer key;
 * with the hub down and the controller restarted in between, every spooled report and event reaches the hub after
 * it returns, in order, once; a refused key is shown with the hub's words and not hammered.
 */
class HubLinkRealHubTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static RealHub hub;
    private static Path dir;

    @BeforeAll
    static void startHub() throws Exception {
        dir = Path.of("target", "hub-link-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        hub = RealHub.plainHttp(dir.resolve("hub")).start();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.stop();
        }
    }

    /** A controller.yaml for {@code customer} pointing at the test hub, read by the controller's own loader. */
    private static ControllerConfig config(String customer, Path keyFile) throws Exception {
        Path home = dir.resolve(customer);
        Files.createDirectories(home);
        Path file = Files.writeString(home.resolve("controller.yaml"), """
                customer:
                  id: %s
                  name: Test %s
                  domain: %s.example
                hub:
                  url: %s
                  customer_key_file: %s
                  allow_plain_http: true
                intervals:
                  report: 1h
                  desired_state: 1h
                state_dir: %s
                """.formatted(customer, customer, customer, hub.url, keyFile, home.resolve("state")));
        return ControllerConfigLoader.load(file, Map.of());
    }

    private static HubLink link(ControllerConfig config) {
        AgentLink agent = new AgentLink(Clock.systemUTC());
        Spool spool = new Spool(config.spoolDir(), config.spool().maxItems());
        DesiredStatePull desired = new DesiredStatePull(() -> config, config.stateDir().resolve("desired-state.json"),
                (revision, wanted) -> { });
        ReportBuilder reports = new ReportBuilder(Clock.systemUTC(), ProcSystemStats.ofThisMachine(), agent, () -> null,
                spool::dropSummary, desired::appliedRevisionNumber);
        HubLink link = new HubLink(() -> config, spool, reports, desired, Clock.systemUTC(),
                Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)));
        link.start();
        return link;
    }

    @Test
    void reportsAndEventsLandWithTheCustomerKey() throws Exception {
        ControllerConfig config = config("ctl-land", hub.customerWithKey("ctl-land", dir));
        try (HubLink link = link(config)) {
            link.event(EventType.CONTROLLER_STARTED, Severity.INFO, "controller test started", null);
            await(() -> link.spool().depth() == 0 && link.lastSuccessfulReport() != null, "the spool drains");
            ControllerReport sent = link.latestReport();
            assertNull(link.lastHubError());

            JsonNode customer = hub.operator("GET", "/api/v1/customers/ctl-land", null);
            assertEquals(sent.reportId().toString(), customer.path("latest_report").path("report_id").asText(),
                    customer.toString());
            assertTrue(customer.path("latest_report").path("system").path("memory").path("total").asLong() > 0,
                    "guest figures from /proc: " + customer);
            JsonNode values = customer.path("latest_report").path("config_values");
            assertEquals("ctl-land", values.path("customer.id").asText(), customer.toString());
            assertTrue(values.path("hub.customer_key").asText().startsWith("sha256:"), "a secret only as its digest");
            JsonNode events = hub.operator("GET", "/api/v1/customers/ctl-land/events", null);
            assertEquals("controller_started", events.get(0).path("event_type").asText(), events.toString());
            assertEquals("controller", events.get(0).path("source").asText());
        }
    }

    @Test
    void aHubOutageWithARestartInBetweenLosesNothingAndDuplicatesNothing() throws Exception {
        ControllerConfig config = config("ctl-outage", hub.customerWithKey("ctl-outage", dir));
        HubLink first = link(config);
        await(() -> first.spool().depth() == 0 && first.lastSuccessfulReport() != null, "the start report arrives");
        String startReport = first.latestReport().reportId().toString();

        hub.stop();
        first.event(EventType.APP_DEPLOYED, Severity.INFO, "during the outage 1", null);
        first.reportNow();
        first.event(EventType.APP_CRASHED, Severity.WARNING, "during the outage 2", null);
        await(() -> first.lastHubError() != null, "the outage shows as the last hub error");
        assertTrue(first.lastHubError().startsWith("cannot reach the hub"), first.lastHubError());
        first.close(); // the controller stops with items spooled

        HubLink second = link(config); // and starts again: a start report of its own, after the old items
        second.event(EventType.CONTROLLER_STARTED, Severity.INFO, "restarted during the outage", null);
        await(() -> second.spool().depth() >= 5, "the start report of the restarted controller is spooled");
        List<String> spooledOrder = new ArrayList<>();
        for (Spool.Entry e : second.spool().snapshot()) {
            JsonNode item = JSON.readTree(e.read());
            spooledOrder.add(item.has("report_id") ? "report " + item.get("report_id").asText()
                    : "event " + item.get("event_id").asText());
        }
        assertEquals(5, spooledOrder.size(), spooledOrder.toString());

        hub.start();
        second.wakeUp();
        await(() -> second.spool().depth() == 0, "the spool drains after the hub returns");
        second.close();

        List<Map.Entry<String, String>> arrived = new ArrayList<>();
        for (JsonNode r : hub.operator("GET", "/api/v1/customers/ctl-outage/history?period=1d", null)) {
            arrived.add(Map.entry(r.path("received_at").asText(), "report " + r.path("report_id").asText()));
        }
        for (JsonNode e : hub.operator("GET", "/api/v1/customers/ctl-outage/events?limit=100", null)) {
            arrived.add(Map.entry(e.path("received_at").asText(), "event " + e.path("event_id").asText()));
        }
        arrived.sort(Comparator.comparing(e -> java.time.Instant.parse(e.getKey())));
        List<String> hubOrder = arrived.stream().map(Map.Entry::getValue).toList();
        List<String> expected = new ArrayList<>(List.of("report " + startReport));
        expected.addAll(spooledOrder);
        assertEquals(expected, hubOrder, "every item once, in spool order");
    }

    @Test
    void aRefusedKeyIsShownInTheHubsWordsAndNotHammered() throws Exception {
        hub.customerWithKey("ctl-refused", dir);
        Path unknownKey = Files.writeString(dir.resolve("unknown-customer.key"), Tokens.generate(TokenKind.CUSTOMER));
        ControllerConfig config = config("ctl-refused", unknownKey);
        try (HubLink link = link(config)) {
            await(link::authRefused, "the refusal is seen");
            assertTrue(link.lastHubError().startsWith("the hub refused the customer key: HTTP 401: "), link.lastHubError());
            int depth = link.spool().depth();
            Thread.sleep(1500);
            assertEquals(depth, link.spool().depth(), "the items are kept");
            assertTrue(link.authRefused());
        }
    }

    private static CustomerPreferences preferences(String customer, String language, boolean backupFailed) {
        return new CustomerPreferences(customer, language,
                new CustomerPreferences.Notifications("ugyfel@" + customer + ".example", backupFailed, true, false),
                java.time.Instant.now());
    }

    private static long preferenceItems(HubLink link) {
        return link.spool().snapshot().stream().filter(e -> e.kind() == Spool.Kind.PREFERENCES).count();
    }

    /**
     * Preferences changed on the Settings page while the hub is away, with a restart in between, arrive once the hub
     * returns: the newest set, as one revision of the customer's config made by the customer, which the desired state
     * then carries back.
     */
    @Test
    void preferencesChangedDuringAnOutageBecomeOneRevisionByTheCustomer() throws Exception {
        Path key = hub.customerWithKey("ctl-pref", dir);
        hub.operator("PUT", "/api/v1/customers/ctl-pref/config", Map.of("identity", Map.of("name", "Pref Kft."),
                "notifications", Map.of("sms", "+3612345678")));
        ControllerConfig config = config("ctl-pref", key);
        HubLink first = link(config);
        await(() -> first.spool().depth() == 0 && first.lastSuccessfulReport() != null, "the start report arrives");
        long revisionsBefore = hub.operator("GET", "/api/v1/customers/ctl-pref/config/revisions", null).size();

        hub.stop();
        first.preferences(preferences("ctl-pref", "en", false));
        first.preferences(preferences("ctl-pref", "hu", true));
        assertEquals(1, preferenceItems(first), "the newer set replaces the unsent older one");
        first.close();
        HubLink second = link(config);
        hub.start();
        second.wakeUp();
        await(() -> second.spool().depth() == 0 && second.lastHubError() == null, "the spool drains");
        second.close();

        JsonNode stored = hub.operator("GET", "/api/v1/customers/ctl-pref/config", null);
        assertEquals("customer:ctl-pref", stored.path("changed_by").asText(), stored.toString());
        assertEquals("customer", stored.path("source").asText());
        JsonNode notifications = stored.path("config").path("notifications");
        assertEquals("hu", notifications.path("language").asText(), stored.toString());
        assertTrue(notifications.path("backup_failed").asBoolean());
        assertEquals("ugyfel@ctl-pref.example", notifications.path("email").asText());
        assertEquals("+3612345678", notifications.path("sms").asText(), "what the customer did not set is kept");
        assertEquals(revisionsBefore + 1,
                hub.operator("GET", "/api/v1/customers/ctl-pref/config/revisions", null).size(),
                "one revision: the superseded set never reached the hub");
        JsonNode desired = JSON.readTree(hub.call("GET", "/api/v1/desired-state",
                Files.readString(key).strip(), null).body());
        assertEquals("hu", desired.path("config").path("notifications").path("language").asText(), desired.toString());
    }

    /** A report-only customer has no config to keep preferences in: 409, dropped, and the rest of the spool goes. */
    @Test
    void preferencesOfAReportOnlyCustomerAreRefusedForGoodWithoutBlockingTheSpool() throws Exception {
        ControllerConfig config = config("ctl-pref-ro", hub.customerWithKey("ctl-pref-ro", dir));
        try (HubLink link = link(config)) {
            await(() -> link.spool().depth() == 0 && link.lastSuccessfulReport() != null, "the start report arrives");
            link.preferences(preferences("ctl-pref-ro", "en", false));
            link.event(EventType.CONTROLLER_STARTED, Severity.INFO, "after the preferences", null);
            await(() -> link.spool().depth() == 0, "the spool drains");
            assertEquals(409, hub.call("PUT", "/api/v1/preferences", Files.readString(
                    config.hub().customerKeyFile()).strip(), preferences("ctl-pref-ro", "en", false)).statusCode());
            JsonNode events = hub.operator("GET", "/api/v1/customers/ctl-pref-ro/events", null);
            assertEquals("after the preferences", events.get(0).path("message").asText(), events.toString());
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
        assertNotNull(what);
    }
}
