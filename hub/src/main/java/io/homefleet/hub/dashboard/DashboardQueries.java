package io.homefleet.hub.dashboard;

import io.agroal.api.AgroalDataSource;
import io.homefleet.hub.db.Sql;
import io.homefleet.hub.event.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the dashboard reads that the API's queries do not give: which host each customer's guest runs on (from the
 * hosts' latest reports), the fleet's event timeline with filters, and a cheap fingerprint of the fleet for the
 * Fleet page's ETag. Plain SQL, reads only.
 */
@ApplicationScoped
public class DashboardQueries {
    @Inject
    AgroalDataSource dataSource;

    /** A host a customer's guest runs on, as its latest host report says. */
    public record Placement(String hostId, String hostname, Instant hostLastSeen) {
    }

    /** Customer id → the host its guest runs on (the first one when a report lists several). */
    public Map<String, Placement> placements() {
        String sql = """
                SELECT g->>'customer_id' AS customer_id, h.id, h.hostname, h.last_seen_at
                  FROM hosts h JOIN host_reports r ON r.id = h.last_report_pk
                 CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.body->'guests') = 'array'
                                                              THEN r.body->'guests' ELSE '[]'::jsonb END) g
                 WHERE g->>'customer_id' IS NOT NULL
                 ORDER BY h.id""";
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            Map<String, Placement> out = new HashMap<>();
            while (rs.next()) {
                out.putIfAbsent(rs.getString("customer_id"), new Placement(rs.getString("id"),
                        rs.getString("hostname"), Sql.instant(rs, "last_seen_at")));
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The managed customers: those with a config (the rest are report-only). */
    public java.util.Set<String> managedCustomers() {
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement("SELECT customer_id FROM customer_configs");
                ResultSet rs = ps.executeQuery()) {
            java.util.Set<String> out = new java.util.HashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /**
     * Changes whenever anything the Fleet page shows changes (a customer added, blocked or reporting, an event, a
     * host report); the page adds the minute, since ages and staleness move with the clock. One index-backed
     * aggregate per table: a few milliseconds for 10,000 customers.
     */
    public String fleetVersion() {
        String sql = """
                SELECT (SELECT count(*) || ':' || coalesce(max(greatest(updated_at, coalesce(last_seen_at, updated_at)))::text, '')
                          FROM customers) AS c,
                       (SELECT coalesce(max(id), 0) FROM events) AS e,
                       (SELECT coalesce(max(last_seen_at)::text, '') FROM hosts) AS h""";
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString("c") + "|" + rs.getLong("e") + "|" + rs.getString("h");
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The fleet's timeline, newest first, narrowed by every filter that is not null. */
    public List<StoredEvent> events(EventFilter filter, Instant since, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.event_id, e.customer_id, e.event_type, e.severity, e.message, e.details::text AS details,
                       e.source, e.occurred_at, e.received_at
                  FROM events e WHERE e.received_at >= ?""");
        List<Object> args = new ArrayList<>();
        args.add(Sql.ts(since));
        if (filter.customer() != null) {
            sql.append(" AND e.customer_id = ?");
            args.add(filter.customer());
        }
        if (filter.type() != null) {
            sql.append(" AND e.event_type = ?");
            args.add(filter.type());
        }
        if (filter.severity() != null) {
            sql.append(" AND e.severity = ?");
            args.add(filter.severity());
        }
        if (filter.host() != null) {
            sql.append("""
                     AND e.customer_id IN (SELECT g->>'customer_id' FROM hosts h
                           JOIN host_reports r ON r.id = h.last_report_pk
                          CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.body->'guests') = 'array'
                                                              THEN r.body->'guests' ELSE '[]'::jsonb END) g
                          WHERE h.id = ?)""");
            args.add(filter.host());
        }
        sql.append(" ORDER BY e.received_at DESC, e.id DESC LIMIT ?");
        args.add(limit);
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new StoredEvent(rs.getObject("event_id", UUID.class), rs.getString("customer_id"),
                            rs.getString("event_type"), rs.getString("severity"), rs.getString("message"),
                            rs.getString("details"), rs.getString("source"), Sql.instant(rs, "occurred_at"),
                            Sql.instant(rs, "received_at")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The Events page's filters; null means "any". */
    public record EventFilter(String customer, String host, String type, String severity) {
    }

    /** The latest host report body of a host, as JSON text, or null. */
    public String latestHostReport(String hostId) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(
                "SELECT r.body::text FROM hosts h JOIN host_reports r ON r.id = h.last_report_pk WHERE h.id = ?")) {
            ps.setString(1, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }
}
