package io.homefleet.hub.dashboard;

import io.homefleet.hub.customer.CustomerQueries;
import io.homefleet.hub.customer.CustomerStatus;
import io.homefleet.hub.customer.CustomerSummary;
import io.homefleet.hub.customer.StatusPolicy;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the Fleet and Customers pages from one read of every customer ({@link CustomerQueries#list}, the API's
 * query) and the hosts their guests run on. Filters, search and sort are applied here; a page shows at most
 * {@value #PAGE_SIZE} rows (with 10,000 customers the whole table would be megabytes), the rest is a click on
 * "next" away with the same filters.
 */
@ApplicationScoped
public class FleetBuilder {
    public static final int PAGE_SIZE = 200;
    static final Set<String> SORTS = Set.of("status", "id", "name", "age", "host", "errors", "version");
    private static final List<CustomerStatus> ORDER = List.of(CustomerStatus.DOWN, CustomerStatus.WARN,
            CustomerStatus.PENDING, CustomerStatus.DISABLED, CustomerStatus.OK, CustomerStatus.BLOCKED);

    @Inject
    CustomerQueries customers;

    @Inject
    DashboardQueries queries;

    @Inject
    StatusPolicy policy;

    /** The filters of a Fleet or Customers page as the URL carries them, checked. */
    public record Filters(String status, String q, String sort, int page) {
        public static Filters of(String status, String q, String sort, Integer page) {
            String s = status == null || status.isBlank() ? "all" : status.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("all") && java.util.Arrays.stream(CustomerStatus.values())
                    .noneMatch(v -> v.name().equalsIgnoreCase(s))) {
                throw ProblemException.of(ProblemType.INVALID_PARAMETER, "status must be all, ok, warn, down, "
                        + "disabled, pending or blocked").with("parameter", "status");
            }
            String sortKey = sort == null || sort.isBlank() ? "status" : sort.trim();
            if (!SORTS.contains(sortKey.startsWith("-") ? sortKey.substring(1) : sortKey)) {
                throw ProblemException.of(ProblemType.INVALID_PARAMETER, "sort must be one of " + SORTS
                        + ", with '-' in front for descending").with("parameter", "sort");
            }
            if (page != null && page < 1) {
                throw ProblemException.of(ProblemType.INVALID_PARAMETER, "page starts at 1")
                        .with("parameter", "page");
            }
            return new Filters(s, q == null ? "" : q.trim(), sortKey, page == null ? 1 : page);
        }

        String query(String status, String sort, int page) {
            StringBuilder b = new StringBuilder();
            add(b, "status", status.equals("all") ? null : status);
            add(b, "q", q.isEmpty() ? null : q);
            add(b, "sort", sort.equals("status") ? null : sort);
            add(b, "page", page == 1 ? null : String.valueOf(page));
            return b.isEmpty() ? "" : "?" + b;
        }

        private static void add(StringBuilder b, String name, String value) {
            if (value != null) {
                b.append(b.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    /** The Fleet page: every customer but the blocked ones, host-down customers grouped. */
    public FleetView fleet(Filters f, String path) {
        return build(f, path, false);
    }

    /** The Customers page: everyone, blocked ones included, no grouping. */
    public FleetView all(Filters f, String path) {
        return build(f, path, true);
    }

    private FleetView build(Filters f, String path, boolean includeBlocked) {
        Instant now = Instant.now();
        Map<String, DashboardQueries.Placement> placements = queries.placements();
        java.util.Set<String> managed = includeBlocked ? queries.managedCustomers() : java.util.Set.of();
        List<CustomerSummary> everyone = customers.list();
        Map<CustomerStatus, Long> counts = new EnumMap<>(CustomerStatus.class);
        List<FleetView.Row> matching = new ArrayList<>();
        Map<String, List<FleetView.Row>> downByHost = new LinkedHashMap<>();
        Map<String, DashboardQueries.Placement> downHosts = new LinkedHashMap<>();
        String needle = f.q().toLowerCase(Locale.ROOT);
        long down = 0;
        for (CustomerSummary c : everyone) {
            if (c.blocked() && !includeBlocked) {
                continue;
            }
            counts.merge(c.status(), 1L, Long::sum);
            if (c.status() == CustomerStatus.DOWN) {
                down++;
            }
            DashboardQueries.Placement at = placements.get(c.id());
            if (!f.status().equals("all") && !c.status().name().equalsIgnoreCase(f.status())) {
                continue;
            }
            if (!needle.isEmpty() && !(contains(c.id(), needle) || contains(c.name(), needle)
                    || (at != null && (contains(at.hostId(), needle) || contains(at.hostname(), needle))))) {
                continue;
            }
            FleetView.Row row = row(c, at, managed.contains(c.id()), now);
            boolean hostDown = !includeBlocked && c.status() == CustomerStatus.DOWN && at != null
                    && at.hostLastSeen() != null
                    && policy.staleness(at.hostLastSeen(), now) == StatusPolicy.Staleness.DOWN;
            if (hostDown) {
                downByHost.computeIfAbsent(at.hostId(), k -> new ArrayList<>()).add(row);
                downHosts.putIfAbsent(at.hostId(), at);
            } else {
                matching.add(row);
            }
        }
        matching.sort(comparator(f.sort()));
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(f.page(), pages);
        List<FleetView.Row> visible = matching.subList((page - 1) * PAGE_SIZE,
                Math.min(matching.size(), page * PAGE_SIZE));
        List<FleetView.HostDown> groups = new ArrayList<>();
        downByHost.forEach((host, rows) -> {
            DashboardQueries.Placement p = downHosts.get(host);
            groups.add(new FleetView.HostDown(host, p.hostname(), Ages.ago(p.hostLastSeen(), now), rows));
        });
        List<FleetView.StatusCount> statusCounts = new ArrayList<>();
        statusCounts.add(new FleetView.StatusCount("all", counts.values().stream().mapToLong(Long::longValue).sum(),
                path + f.query("all", f.sort(), 1), f.status().equals("all")));
        for (CustomerStatus s : ORDER) {
            if (s == CustomerStatus.BLOCKED && !includeBlocked) {
                continue;
            }
            String key = s.name().toLowerCase(Locale.ROOT);
            statusCounts.add(new FleetView.StatusCount(key, counts.getOrDefault(s, 0L),
                    path + f.query(key, f.sort(), 1), f.status().equals(key)));
        }
        return new FleetView(statusCounts, List.copyOf(visible), groups, f.status(), f.q(), f.sort(), page, pages,
                matching.size(), page > 1 ? path + f.query(f.status(), f.sort(), page - 1) : null,
                page < pages ? path + f.query(f.status(), f.sort(), page + 1) : null, down,
                f.query(f.status(), f.sort(), page));
    }

    /** Sort links for the table's headers, keeping the other filters. */
    public List<FleetView.SortLink> sortLinks(Filters f, String path) {
        List<FleetView.SortLink> out = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("status", "Status");
        labels.put("id", "Customer");
        labels.put("age", "Last report");
        labels.put("version", "Controller");
        labels.put("host", "Host");
        labels.put("errors", "Errors / warnings 24 h");
        labels.forEach((key, label) -> {
            boolean selected = f.sort().equals(key) || f.sort().equals("-" + key);
            String next = f.sort().equals(key) ? "-" + key : key;
            out.add(new FleetView.SortLink(key, label + (selected ? (f.sort().startsWith("-") ? " ▼" : " ▲") : ""),
                    path + f.query(f.status(), next, 1), selected,
                    selected ? (f.sort().startsWith("-") ? "descending" : "ascending") : null));
        });
        return out;
    }

    private static FleetView.Row row(CustomerSummary c, DashboardQueries.Placement at, boolean managed,
                                     Instant now) {
        return new FleetView.Row(c.id(), c.name(), c.status().name(), Ages.ago(c.lastReportAt(), now),
                c.controllerVersion() == null ? "–" : c.controllerVersion(), at == null ? null : at.hostId(),
                at == null ? null : at.hostname(), c.errors24h(), c.warnings24h(), c.blocked(),
                managed, c.lastReportAt());
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static Comparator<FleetView.Row> comparator(String sort) {
        boolean desc = sort.startsWith("-");
        String key = desc ? sort.substring(1) : sort;
        Comparator<FleetView.Row> byId = Comparator.comparing(FleetView.Row::id);
        Comparator<FleetView.Row> c = switch (key) {
            case "id" -> byId;
            case "name" -> Comparator.comparing((FleetView.Row r) -> r.name().toLowerCase(Locale.ROOT));
            case "age" -> Comparator.comparing(FleetView.Row::lastReportAt,
                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
            case "host" -> Comparator.comparing(FleetView.Row::hostId, Comparator.nullsLast(Comparator.naturalOrder()));
            case "version" -> Comparator.comparing(FleetView.Row::version);
            case "errors" -> Comparator.comparingLong((FleetView.Row r) -> r.errors() * 1_000_000 + r.warnings())
                    .reversed();
            default -> Comparator.comparingInt(r -> ORDER.indexOf(CustomerStatus.valueOf(r.status())));
        };
        c = c.thenComparing(byId);
        return desc ? c.reversed() : c;
    }
}
