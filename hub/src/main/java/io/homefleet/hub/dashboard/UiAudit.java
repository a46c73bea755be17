package io.homefleet.hub.dashboard;

import io.agroal.api.AgroalDataSource;
import io.homefleet.hub.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's audit trail: every state change made in the UI (who, what, on what, when, from where), written
 * before the page answers, so a change the operator saw succeed is always in it. Admins read it on the Audit page.
 */
@ApplicationScoped
public class UiAudit {
    @Inject
    AgroalDataSource dataSource;

    public record Entry(long id, Instant at, String operator, String action, String target, String address,
                        String detail) {
    }

    public void record(String operator, String action, String target, String address, String detail) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(
                "INSERT INTO ui_audit (operator, action, target, address, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, operator);
            ps.setString(2, action);
            ps.setString(3, target);
            ps.setString(4, address);
            ps.setString(5, detail);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** Newest first; {@code operator} null for everyone. */
    public List<Entry> recent(String operator, int limit) {
        String sql = "SELECT id, at, operator, action, target, address, detail FROM ui_audit"
                + (operator == null ? "" : " WHERE operator = ?") + " ORDER BY at DESC, id DESC LIMIT ?";
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql)) {
            int i = 1;
            if (operator != null) {
                ps.setString(i++, operator);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Entry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Entry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("operator"),
                            rs.getString("action"), rs.getString("target"), rs.getString("address"),
                            rs.getString("detail")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }
}
