package io.homefleet.controller.web;

import io.homefleet.common.contract.v1.ControllerReport;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The installed apps (for now: the containers of the latest report), sorted by name, with a running count. */
public record AppRows(List<Row> rows, int running) {

    public record Row(String name, String image, String state, String health) {
        public boolean isRunning() {
            return "running".equals(state);
        }
    }

    public int total() {
        return rows.size();
    }

    public static AppRows of(ControllerReport report) {
        List<Row> rows = report == null || report.containers() == null ? List.of() : report.containers().stream()
                .map(c -> new Row(c.name(), blankToDash(c.image()),
                        c.state() == null ? "unknown" : c.state().toLowerCase(Locale.ROOT), blankToDash(c.health())))
                .sorted(Comparator.comparing(Row::name))
                .toList();
        return new AppRows(rows, (int) rows.stream().filter(Row::isRunning).count());
    }

    private static String blankToDash(String s) {
        return s == null || s.isBlank() ? Formats.MISSING : s;
    }
}
