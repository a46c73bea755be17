package io.homefleet.controller.web;

import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.controller.status.ControllerState;
import java.util.List;

/** The dashboard's status cards: the controller's health, its hub link and its agent link, formatted. */
public final class StatusCards {
    private StatusCards() {
    }

    /** status: ok, warn, fail or unknown (no report yet). */
    public record Health(String status, List<String> reasons, String reportedAt) {
        public static Health of(ControllerReport report, Formats f) {
            if (report == null || report.health() == null) {
                return new Health("unknown", List.of(), Formats.MISSING);
            }
            String status = report.health().status() == null ? "unknown"
                    : report.health().status().name().toLowerCase(java.util.Locale.ROOT);
            List<String> reasons = report.health().reasons() == null ? List.of() : report.health().reasons();
            return new Health(status, reasons, f.instant(report.sentAt()));
        }
    }

    /** lastReport and lastError are null when there is none (the template says so in words). */
    public record Hub(String url, String lastReport, int spoolDepth, String lastError, boolean healthy) {
        public static Hub of(ControllerState.HubLink link, Formats f) {
            String lastReport = link.lastSuccessfulReport() == null ? null : f.instant(link.lastSuccessfulReport());
            String error = link.lastHubError() == null || link.lastHubError().isBlank() ? null : link.lastHubError();
            return new Hub(link.hubUrl() == null ? Formats.MISSING : link.hubUrl(), lastReport, link.spoolDepth(),
                    error, error == null && lastReport != null);
        }
    }

    public record Agent(String state, String message, String checkedAt) {
        public static Agent of(ControllerState.AgentLink link, Formats f) {
            return new Agent(link.state() == null ? "unknown" : link.state(),
                    link.message() == null ? "" : link.message(), f.instant(link.checkedAt()));
        }
    }

    public record Backups(String lastBackup, String lastDbdump, String status, boolean any) {
        public static Backups of(ControllerReport report, Formats f) {
            ControllerReport.Backups b = report == null ? null : report.backups();
            if (b == null) {
                return new Backups(Formats.MISSING, Formats.MISSING, Formats.MISSING, false);
            }
            return new Backups(f.instant(b.lastBackup()), f.instant(b.lastDbdump()),
                    b.status() == null || b.status().isBlank() ? Formats.MISSING : b.status(),
                    b.lastBackup() != null || b.lastDbdump() != null);
        }
    }
}
