package io.homefleet.agent.hub;

import io.homefleet.service.version.ServiceVersion;
import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.guest.GuestService;
import io.homefleet.agent.host.HostMetricsService;
import io.homefleet.agent.proxmox.ProxmoxApi;
import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubOutcome;
import io.homefleet.service.retry.Backoff;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends the host report every report interval. Network or hub-side failures back off exponentially with jitter
 * (from 2 s, capped at five intervals; at least as long as the hub's Retry-After);
 * a 401/403 means the hub refuses this host's key, which retrying cannot fix, so the loop waits until the key file
 * changes (or an hour passes) and health shows the hub's words meanwhile. The local API is unaffected throughout.
 */
@Singleton
public class HostReportLoop {
    private static final Logger LOG = Logger.getLogger(HostReportLoop.class);
    private static final Duration REJECTED_RECHECK = Duration.ofHours(1);
    private final HubApi hub;
    private final HostReportBuilder builder;
    private final Duration interval;
    private final Backoff backoff;
    private final java.nio.file.Path hostKeyFile;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile ReportState state = ReportState.initial();
    private volatile Instant nextAttempt = Instant.EPOCH;
    private volatile long keyFileStamp;

    @Inject
    public HostReportLoop(AgentConfig config, HubApi hub, HostMetricsService metrics, ProxmoxApi proxmox,
                          GuestService guests) {
        config.hub().warnings().forEach(LOG::warn);
        this.hub = hub;
        this.builder = new HostReportBuilder(config.hub().hostId(), config.proxmox().node(), ServiceVersion.of("agent"),
                metrics, proxmox, guests.journal());
        this.interval = Duration.ofSeconds(config.hub().reportIntervalSeconds());
        this.backoff = Backoff.exponential(Duration.ofSeconds(2), interval.multipliedBy(5));
        this.hostKeyFile = config.hub().hostKeyFile();
    }

    /** The loop's last outcome, for health. */
    public record ReportState(String status, Instant lastSuccess, Instant lastAttempt, int failures, String hubMessage) {
        static ReportState initial() {
            return new ReportState("not_yet_reported", null, null, 0, null);
        }
    }

    public ReportState state() {
        return state;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        Instant now = Instant.now();
        boolean keyChanged = "rejected".equals(state.status()) && keyFileStamp() != keyFileStamp;
        if (now.isBefore(nextAttempt) && !keyChanged) {
            return;
        }
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            reportOnce(now);
        } finally {
            busy.set(false);
        }
    }

    void reportOnce(Instant now) {
        HubOutcome outcome;
        try {
            HostReport report = builder.build();
            outcome = HubOutcome.of(() -> hub.postHostReport(Credential.bearerFromFile(hostKeyFile, TokenKind.HOST),
                    report));
        } catch (RuntimeException e) {
            outcome = HubOutcome.unreachable("cannot build report: " + e.getMessage());
        }
        ReportState previous = state;
        switch (outcome.kind()) {
            case ACCEPTED -> {
                if (previous.failures() > 0) {
                    LOG.infof("hub accepts host reports again after %d failures", previous.failures());
                }
                state = new ReportState("ok", now, now, 0, null);
                nextAttempt = now.plus(interval);
            }
            case REJECTED -> {
                if (!"rejected".equals(previous.status())) {
                    LOG.errorf(outcome.status() == 0 ? "cannot send host reports: %s" : "hub rejects this host's reports: %s",
                            outcome.detail());
                }
                state = new ReportState("rejected", previous.lastSuccess(), now, previous.failures() + 1, outcome.detail());
                keyFileStamp = keyFileStamp();
                nextAttempt = now.plus(REJECTED_RECHECK);
            }
            case UNREACHABLE -> {
                int failures = previous.failures() + 1;
                Duration pause = backoff.delayAfter(failures, outcome.retryAfter());
                LOG.warnf("host report failed (%d in a row), next try in %d s: %s", failures, pause.toSeconds(),
                        outcome.detail());
                state = new ReportState("retrying", previous.lastSuccess(), now, failures, outcome.detail());
                nextAttempt = now.plus(pause);
            }
        }
    }

    private long keyFileStamp() {
        try {
            return Files.getLastModifiedTime(hostKeyFile).toMillis() ^ Files.size(hostKeyFile);
        } catch (IOException e) {
            return -1;
        }
    }
}
