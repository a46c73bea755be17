package io.homefleet.hub.dashboard;

import java.util.List;

/**
 * The Fleet page's model: counts per status, the visible page of rows, the customers grouped under a host that
 * stopped reporting, and the filters as they are in the URL.
 */
public record FleetView(List<StatusCount> counts, List<Row> rows, List<HostDown> hostsDown, String status, String q,
                        String sort, int page, int pages, int matching, String prevUrl, String nextUrl, long down,
                        String selfQuery) {

    public record StatusCount(String status, long count, String url, boolean selected) {
    }

    /** One customer line. */
    public record Row(String id, String name, String status, String age, String version, String hostId,
                      String hostname, long errors, long warnings, boolean blocked, boolean managed,
                      java.time.Instant lastReportAt) {
    }

    /** Customers whose DOWN has one cause: their host's own reports stopped. */
    public record HostDown(String hostId, String hostname, String age, List<Row> customers) {
    }

    public record SortLink(String key, String label, String url, boolean selected, String direction) {
    }
}
