package io.homefleet.controller.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.CustomerPreferences;
import io.homefleet.common.contract.v1.Event;
import io.homefleet.common.contract.v1.EventType;
import io.homefleet.common.contract.v1.Severity;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.json.Json;
import io.homefleet.service.version.ServiceVersion;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.retry.Backoff;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The hub link that loses nothing. A report is built at start and every {@code intervals.report}, an event whenever
 * something happens, the customer's preferences whenever the Settings page changes them ({@code PUT
 * /api/v1/preferences}); all are written to the {@link Spool} first and sent from there, oldest first, by one thread:
 * <ul>
 * <li>2xx: the hub stored it; the file is deleted;</li>
 * <li>no answer, 429, 5xx: kept, retried after the shared {@link Backoff} (exponential, jitter, Retry-After);</li>
 * <li>401/403: kept, the hub's words shown in health, retried only at the next report time (not hammered) or
 * at once when the key file or config changes;</li>
 * <li>any other 4xx: the hub will never take this item; it is logged with the hub's words and dropped, so one bad
 * item cannot block the queue.</li>
 * </ul>
 * A restart resumes the spool where it stopped; re-sent items carry their original ids, which the hub stores once.
 */
public final class HubLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HubLink.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final Supplier<ControllerConfig> config;
    private final Spool spool;
    private final ReportBuilder reports;
    private final DesiredStatePull desiredState;
    private final Clock clock;
    private final Backoff backoff;
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean running = true;

    private HubHttpClient client;
    private ControllerConfig.Hub clientFor;
    private long nextReportAt;
    private long nextDesiredAt;
    private long nextSendAt;
    private boolean kick;
    private volatile boolean authRefused;
    private volatile Instant lastSuccessfulReport;
    private volatile Instant lastAccepted;
    private volatile String lastHubError;
    private volatile Instant lastHubErrorAt;
    private volatile ControllerReport latestReport;
    private volatile long refusedForGood;

    public HubLink(Supplier<ControllerConfig> config, Spool spool, ReportBuilder reports, DesiredStatePull desiredState,
                   Clock clock, Backoff backoff) {
        this.config = config;
        this.spool = spool;
        this.reports = reports;
        this.desiredState = desiredState;
        this.clock = clock;
        this.backoff = backoff;
        this.thread = new Thread(this::run, "hub-link");
        this.thread.setDaemon(true);
    }

    /** Starts the loop: a report at once, then on schedule. */
    public void start() {
        long now = System.nanoTime();
        nextReportAt = now;
        nextDesiredAt = now;
        nextSendAt = now;
        thread.start();
    }

    /** Spools an event now (durably, before this returns) and wakes the sender. */
    public Event event(EventType type, Severity severity, String message, ObjectNode details) throws IOException {
        ControllerConfig c = config.get();
        Event event = new Event(UUID.randomUUID(), c.customer().id(), type, severity,
                message.length() > 4096 ? message.substring(0, 4095) + "…" : message, details, "controller",
                clock.instant());
        spool.append(Spool.Kind.EVENT, JSON.writeValueAsBytes(event));
        wakeUp();
        return event;
    }

    /** Spools the customer's changed preferences now (durably, before this returns) and wakes the sender. */
    public void preferences(CustomerPreferences preferences) throws IOException {
        spool.append(Spool.Kind.PREFERENCES, JSON.writeValueAsBytes(preferences));
        wakeUp();
    }

    /** Builds and spools a report now, out of schedule (tests, the UI's "send now"). */
    public ControllerReport reportNow() throws IOException {
        ControllerReport report = spoolReport();
        wakeUp();
        return report;
    }

    /** After the config or the key file changed: try at once, even after a 401/403. */
    public void wakeUp() {
        synchronized (wake) {
            kick = true;
            wake.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                long now = System.nanoTime();
                ControllerConfig c = config.get();
                boolean kicked;
                synchronized (wake) {
                    kicked = kick;
                    kick = false;
                }
                if (now - nextReportAt >= 0) {
                    spoolReport();
                    nextReportAt = now + c.intervals().report().toNanos();
                }
                if (now - nextDesiredAt >= 0) {
                    pullDesiredState();
                    nextDesiredAt = System.nanoTime() + config.get().intervals().desiredState().toNanos();
                }
                if (kicked || now - nextSendAt >= 0) {
                    sendSpooled();
                }
                long until = Math.min(nextReportAt, nextDesiredAt);
                if (spool.depth() > 0) {
                    until = Math.min(until, nextSendAt);
                }
                synchronized (wake) {
                    long waitNanos = until - System.nanoTime();
                    if (!kick && waitNanos > 0 && running) {
                        wake.wait(Math.max(1, waitNanos / 1_000_000), 0);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | IOException e) {
                // Never let the loop die: a disk or bug error is logged and the loop goes on after a pause.
                LOG.errorf(e, "hub link: %s", e.getMessage());
                nextSendAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                sleepQuietly(Duration.ofSeconds(5));
            }
        }
    }

    private ControllerReport spoolReport() throws IOException {
        ControllerReport report = reports.build(config.get());
        spool.append(Spool.Kind.REPORT, JSON.writeValueAsBytes(report));
        latestReport = report;
        return report;
    }

    private void pullDesiredState() {
        if (desiredState == null) {
            return;
        }
        try {
            desiredState.pull(client());
        } catch (HubException e) {
            LOG.debugf("desired state: %s", e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            LOG.debugf("desired state: %s", e.getMessage());
        }
    }

    /** Sends the spool oldest first until it is empty or the hub fails; sets when to try again. */
    void sendSpooled() throws IOException {
        HubHttpClient http;
        try {
            http = client();
        } catch (IOException | IllegalArgumentException e) {
            error("cannot set up the hub client: " + e.getMessage());
            nextSendAt = System.nanoTime() + backoff.nextDelay().toNanos();
            return;
        }
        while (running) {
            Spool.Entry entry = spool.oldest().orElse(null);
            if (entry == null) {
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(entry.read());
            } catch (IOException e) {
                LOG.errorf("spool: %s is unreadable (%s); dropped", entry.file(), e.getMessage());
                spool.remove(entry);
                continue;
            }
            try {
                Credential key = Credential.bearerFromFile(config.get().hub().customerKeyFile(), TokenKind.CUSTOMER);
                switch (entry.kind()) {
                    case REPORT -> http.call("POST", "/api/v1/report", key, body, Void.class);
                    case EVENT -> http.call("POST", "/api/v1/event", key, body, Void.class);
                    case PREFERENCES -> http.call("PUT", "/api/v1/preferences", key, body, Void.class);
                }
            } catch (HubException e) {
                if (!handleFailure(entry, e)) {
                    return;
                }
                continue;
            }
            spool.remove(entry);
            backoff.reset();
            Instant now = clock.instant();
            lastAccepted = now;
            if (entry.kind() == Spool.Kind.REPORT) {
                lastSuccessfulReport = now;
            }
            if (authRefused || lastHubError != null) {
                LOG.infof("hub link: the hub at %s accepts this controller's items again", http.baseUrl());
            }
            authRefused = false;
            lastHubError = null;
            lastHubErrorAt = null;
        }
    }

    /** @return true when the item was dropped for good and sending may go on; false to stop and wait */
    private boolean handleFailure(Spool.Entry entry, HubException e) throws IOException {
        if (e.kind() == HubException.Kind.NO_CREDENTIAL) {
            error("no customer key: " + e.getMessage());
            nextSendAt = System.nanoTime() + config.get().intervals().report().toNanos();
            return false;
        }
        if (e.status() == 401 || e.status() == 403) {
            boolean first = !authRefused;
            authRefused = true;
            error("the hub refused the customer key: " + e.getMessage());
            if (first) {
                LOG.errorf("hub link: the hub refused the customer key (%s); %d item(s) are kept and tried again at the "
                        + "next report time or when hub.customer_key_file changes", e.getMessage(), spool.depth());
            }
            nextSendAt = System.nanoTime() + config.get().intervals().report().toNanos();
            return false;
        }
        if (e.retryable()) {
            error(e.getMessage());
            Duration wait = backoff.nextDelay(e.retryAfter());
            if (backoff.failures() == 1) {
                LOG.warnf("hub link: %s; %d item(s) kept, retrying with backoff", e.getMessage(), spool.depth());
            }
            nextSendAt = System.nanoTime() + wait.toNanos();
            return false;
        }
        refusedForGood++;
        LOG.errorf("hub link: the hub refused %s #%d for good (%s); it is dropped so the rest can go", entry.kind()
                .name().toLowerCase(java.util.Locale.ROOT), entry.sequence(), e.getMessage());
        spool.remove(entry);
        return true;
    }

    private void error(String message) {
        lastHubError = message;
        lastHubErrorAt = clock.instant();
    }

    private synchronized HubHttpClient client() throws IOException {
        ControllerConfig.Hub hub = config.get().hub();
        if (client == null || !Objects.equals(clientFor, hub)) {
            client = HubHttpClient.create(HubConnection.of(hub.url(), hub.trustOptions(), hub.allowPlainHttp())
                    .withUserAgent("homefleet-controller/" + ServiceVersion.of("controller")));
            clientFor = hub;
        }
        return client;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Instant lastSuccessfulReport() {
        return lastSuccessfulReport;
    }

    public Instant lastAccepted() {
        return lastAccepted;
    }

    public String lastHubError() {
        return lastHubError;
    }

    public Instant lastHubErrorAt() {
        return lastHubErrorAt;
    }

    public boolean authRefused() {
        return authRefused;
    }

    public long refusedForGood() {
        return refusedForGood;
    }

    public ControllerReport latestReport() {
        return latestReport;
    }

    public Spool spool() {
        return spool;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
