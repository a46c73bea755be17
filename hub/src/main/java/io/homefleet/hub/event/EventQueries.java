package io.homefleet.hub.event;

import io.agroal.api.AgroalDataSource;
import io.homefleet.common.contract.v1.EventType;
import io.homefleet.common.contract.v1.Severity;
import io.homefleet.hub.db.Sql;
import io.homefleet.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads a customer's events, newest first. */
@ApplicationScoped
public class EventQueries {

    @Inject
    AgroalDataSource dataSource;

    /**
     * @param severities comma-separated wire names, or null for all
     * @param type an event type's wire name, or null for all
     */
    public List<StoredEvent> forCustomer(String customerId, String severities, String type, int limit) {
        String[] wantedSeverities = parseSeverities(severities);
        if (type != null && !type.isBlank() && EventType.fromWire(type.trim()).isEmpty()) {
            throw ProblemException.badRequest("type '" + type + "' is not an event type; allowed: "
                    + EventType.wireNames());
        }
        StringBuilder sql = new StringBuilder("""
                SELECT event_id, customer_id, event_type, severity, message, details::text AS details, source,
                       occurred_at, received_at
                  FROM events WHERE customer_id = ?""");
        if (wantedSeverities != null) {
            sql.append(" AND severity = ANY (?)");
        }
        if (type != null && !type.isBlank()) {
            sql.append(" AND event_type = ?");
        }
        sql.append(" ORDER BY received_at DESC, id DESC LIMIT ?");
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, customerId);
            if (wantedSeverities != null) {
                ps.setArray(i++, con.createArrayOf("text", wantedSeverities));
            }
            if (type != null && !type.isBlank()) {
                ps.setString(i++, type.trim());
            }
            ps.setInt(i, limit);
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

    private static String[] parseSeverities(String severities) {
        if (severities == null || severities.isBlank()) {
            return null;
        }
        String[] parts = Arrays.stream(severities.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        for (String p : parts) {
            if (Severity.fromWire(p).isEmpty()) {
                throw ProblemException.badRequest("severity '" + p + "' is not one of info, warning, error");
            }
        }
        return parts;
    }
}
