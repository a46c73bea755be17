package io.homefleet.provisioning.dashboard;

import io.homefleet.provisioning.discovery.DiscoveredView;
import io.homefleet.provisioning.host.HostView;
import io.homefleet.provisioning.host.TransitionView;
import io.homefleet.provisioning.pxe.DnsmasqLog;
import io.homefleet.provisioning.pxe.DnsmasqStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** What the pages show, shaped for the templates (times as UTC text, long outputs cut to their last lines). */
public final class DashboardViews {
    static final int OUTPUT_LINES = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private DashboardViews() {
    }

    /** One tile of the host grid; {@code detail} is the current step, or what failed. */
    public record Tile(String id, String mac, String serverType, String state, String since, String detail,
            boolean failed) {
        static Tile of(HostView h) {
            String detail = h.failure() != null
                    ? "failed in " + h.failure().state().label() + (h.failure().step() == null ? ""
                            : " at " + h.failure().step())
                    : h.currentStep();
            return new Tile(h.id(), h.mac(), h.serverType(), h.state().label(), time(h.stateSince()), detail,
                    h.failure() != null);
        }
    }

    /** A machine seen at PXE boot that no host owns. */
    public record Discovered(String mac, String firstSeen, String lastSeen, int boots, String lastAddress) {
        static Discovered of(DiscoveredView d) {
            return new Discovered(d.mac(), time(d.firstSeen()), time(d.lastSeen()), d.boots(), d.lastAddress());
        }
    }

    public record Option(String value, String label) {
    }

    /** The host page: the host, what failed (with the output's last lines), its history, newest first. */
    public record HostPage(HostView host, String state, String since, String deadline, Failure failure,
            List<Transition> history) {
    }

    public record Failure(String state, String step, String reason, Integer exitStatus, List<String> lastOutput) {
        static Failure of(HostView.Failure f) {
            return f == null ? null : new Failure(f.state().label(), f.step(), f.reason(), f.exitStatus(),
                    lastLines(f.output(), OUTPUT_LINES));
        }
    }

    public record Transition(String at, String from, String to, String cause, String actor, String detail) {
        static Transition of(TransitionView t) {
            return new Transition(time(t.at()), t.from() == null ? "" : t.from().label(), t.to().label(), t.cause(),
                    t.actor(), t.detail());
        }
    }

    /** dnsmasq as the PXE panel shows it. */
    public record Pxe(String state, String detail, String since, long pid, int restarts, String bootUrl,
            Integer lastExitStatus, boolean healthy, String settingsProblem, String config, List<LogLine> log) {
        static Pxe of(DnsmasqStatus s, String settingsProblem, List<DnsmasqLog.Line> lines) {
            return new Pxe(s.state().name().toLowerCase(), s.detail(), time(s.since()), s.pid(), s.restarts(),
                    s.bootUrl().orElse(null), s.lastExitCode().orElse(null), s.healthy(), settingsProblem,
                    s.config().orElse(null), lines.stream().map(LogLine::of).toList());
        }
    }

    public record LogLine(String at, String text) {
        static LogLine of(DnsmasqLog.Line line) {
            return new LogLine(TIME.format(line.at().truncatedTo(ChronoUnit.SECONDS)), line.text());
        }
    }

    static HostPage hostPage(HostView host, List<TransitionView> history) {
        List<Transition> newestFirst = new ArrayList<>(history.stream().map(Transition::of).toList());
        Collections.reverse(newestFirst);
        return new HostPage(host, host.state().label(), time(host.stateSince()), time(host.deadline()),
                Failure.of(host.failure()), newestFirst);
    }

    static List<String> lastLines(String output, int max) {
        if (output == null || output.isBlank()) {
            return List.of();
        }
        List<String> lines = Arrays.asList(output.strip().split("\r?\n"));
        return List.copyOf(lines.subList(Math.max(0, lines.size() - max), lines.size()));
    }

    static String time(Instant at) {
        return at == null ? null : TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
