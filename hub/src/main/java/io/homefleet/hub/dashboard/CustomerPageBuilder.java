package io.homefleet.hub.dashboard;

import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.json.Json;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.auth.KeyView;
import io.homefleet.hub.customer.CustomerDetail;
import io.homefleet.hub.customer.CustomerQueries;
import io.homefleet.hub.customer.CustomerStatus;
import io.homefleet.hub.customer.CustomerSummary;
import io.homefleet.hub.customer.StatusPolicy;
import io.homefleet.hub.event.EventQueries;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.qute.RawString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads everything the Customer page shows, from the API's own queries plus the latest report's body. */
@ApplicationScoped
public class CustomerPageBuilder {
    static final Map<String, Duration> PERIODS = new java.util.LinkedHashMap<>(Map.of());

    static {
        PERIODS.put("6h", Duration.ofHours(6));
        PERIODS.put("24h", Duration.ofHours(24));
        PERIODS.put("7d", Duration.ofDays(7));
        PERIODS.put("30d", Duration.ofDays(30));
    }

    @Inject
    CustomerQueries customers;

    @Inject
    EventQueries events;

    @Inject
    CredentialService credentials;

    @Inject
    DashboardQueries queries;

    @Inject
    StatusPolicy policy;

    public CustomerPageModel build(String id, String period, String severity, String newKey, String message) {
        CustomerDetail detail = customers.detail(id)
                .orElseThrow(() -> ProblemException.notFound("no customer '" + id + "'"));
        Duration span = PERIODS.get(period == null ? "24h" : period);
        if (span == null) {
            throw ProblemException.of(ProblemType.INVALID_PARAMETER, "period must be one of " + PERIODS.keySet())
                    .with("parameter", "period");
        }
        String sev = severity == null || severity.isBlank() ? null : severity.trim();
        if (sev != null && io.homefleet.common.contract.v1.Severity.fromWire(sev).isEmpty()) {
            throw ProblemException.of(ProblemType.INVALID_PARAMETER, "severity must be info, warning or error")
                    .with("parameter", "severity");
        }
        Instant now = Instant.now();
        CustomerSummary s = detail.customer();
        ControllerReport report = parse(detail.latestReport());
        DashboardQueries.Placement at = queries.placements().get(id);
        List<CustomerPageModel.Metric> metrics = new ArrayList<>();
        List<CustomerPageModel.StorageLine> storage = new ArrayList<>();
        List<CustomerPageModel.ContainerLine> containers = new ArrayList<>();
        List<CustomerPageModel.Metric> backups = new ArrayList<>();
        if (report != null && report.system() != null) {
            var sys = report.system();
            if (sys.cpu() != null) {
                metrics.add(new CustomerPageModel.Metric("CPU", Ages.percent(sys.cpu().percent())
                        + (sys.cpu().cores() == null ? "" : " of " + sys.cpu().cores() + " cores")));
            }
            if (sys.memory() != null) {
                metrics.add(new CustomerPageModel.Metric("Memory", Ages.bytes(sys.memory().used()) + " of "
                        + Ages.bytes(sys.memory().total()) + " (" + Ages.percent(sys.memory().percent()) + ")"));
            }
            if (sys.disk() != null) {
                metrics.add(new CustomerPageModel.Metric("Disk", Ages.bytes(sys.disk().used()) + " of "
                        + Ages.bytes(sys.disk().total()) + " (" + Ages.percent(sys.disk().percent()) + ")"));
            }
            if (sys.load() != null) {
                metrics.add(new CustomerPageModel.Metric("Load", Ages.load(sys.load().load1(), sys.load().load5(),
                        sys.load().load15())));
            }
            if (sys.uptime() != null) {
                metrics.add(new CustomerPageModel.Metric("Uptime", Ages.uptime(sys.uptime())));
            }
        }
        if (report != null && report.storage() != null) {
            for (var e : report.storage()) {
                Double pct = new ControllerReport.Capacity(e.total(), e.used()).percent();
                String smart = e.smart() == null || e.smart().status() == null ? "–" : e.smart().status();
                storage.add(new CustomerPageModel.StorageLine(e.path(), Ages.bytes(e.used()), Ages.bytes(e.total()),
                        Ages.percent(pct), smart,
                        e.smart() == null || e.smart().temperatureC() == null ? "–" : e.smart().temperatureC() + " °C",
                        "FAILED".equalsIgnoreCase(smart)));
            }
        }
        if (report != null && report.containers() != null) {
            for (var c : report.containers()) {
                containers.add(new CustomerPageModel.ContainerLine(c.name(), c.image(), c.state(), c.health()));
            }
        }
        if (report != null && report.backups() != null) {
            backups.add(new CustomerPageModel.Metric("Last backup", Ages.ago(report.backups().lastBackup(), now)));
            backups.add(new CustomerPageModel.Metric("Last database dump",
                    Ages.ago(report.backups().lastDbdump(), now)));
            backups.add(new CustomerPageModel.Metric("Status", String.valueOf(report.backups().status())));
        }
        List<EventRow> eventRows = events.forCustomer(id, sev, null, 50).stream()
                .map(e -> EventRow.of(e, now)).toList();
        Instant since = now.minus(span);
        String chart = HistoryChart.svg(customers.history(id, since, 5000), since, now,
                "CPU, memory and disk of " + id + " over " + (period == null ? "24h" : period));
        List<CustomerPageModel.KeyLine> keys = credentials.list(TokenKind.CUSTOMER, id, null).stream()
                .map(KeyView::of).map(k -> CustomerPageModel.KeyLine.of(k, now)).toList();
        return new CustomerPageModel(s.id(), s.name(), s.email(), s.status().name(), why(s, report, now),
                s.lastReportAt() == null, s.blocked(), Ages.ago(s.lastReportAt(), now),
                s.controllerVersion() == null ? "–" : s.controllerVersion(), at == null ? null : at.hostId(),
                at == null ? null : at.hostname(), metrics, storage, containers, backups, eventRows,
                sev == null ? "" : sev, new RawString(chart), period == null ? "24h" : period,
                List.copyOf(PERIODS.keySet()), keys, newKey, message);
    }

    /** Why the status is what it is, in a sentence. */
    String why(CustomerSummary s, ControllerReport report, Instant now) {
        String reasons = report == null || report.health() == null || report.health().reasons() == null
                || report.health().reasons().isEmpty() ? "" : ": " + String.join("; ", report.health().reasons());
        return switch (s.status()) {
            case BLOCKED -> "Blocked by an operator: reports are stored, nothing alerts.";
            case PENDING -> "Waiting for the first report.";
            case DISABLED -> "The customer paused monitoring.";
            case DOWN -> policy.staleness(s.lastReportAt(), now) == StatusPolicy.Staleness.DOWN
                    ? "No report since " + Ages.ago(s.lastReportAt(), now) + " (down after "
                    + Duration.between(policy.downBefore(now), now).toMinutes() + " min)."
                    : "The controller reports fail" + reasons + ".";
            case WARN -> policy.staleness(s.lastReportAt(), now) == StatusPolicy.Staleness.STALE
                    ? "The last report is " + Ages.ago(s.lastReportAt(), now) + " old (stale)."
                    : "The controller reports warn" + reasons + ".";
            case OK -> "Reported " + Ages.ago(s.lastReportAt(), now) + " and healthy.";
        };
    }

    private static ControllerReport parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, ControllerReport.class);
        } catch (java.io.IOException e) {
            return null; // an old body the contract no longer reads: the page shows what the summary knows
        }
    }

    static boolean isDown(CustomerStatus status) {
        return status == CustomerStatus.DOWN;
    }
}
