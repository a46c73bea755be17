package io.homefleet.hub.host;

import io.agroal.api.AgroalDataSource;
import io.homefleet.hub.db.Sql;
import io.homefleet.hub.tempproxy.PullRecorder;
import io.homefleet.hub.tempproxy.TemperatureProxyStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read side of hosts, one query per page. */
@ApplicationScoped
public class HostQueries {
    private static final String SELECT = """
            SELECT h.id, h.hostname, h.cluster, h.node, h.addresses, h.agent_version, h.last_seen_at, h.last_sent_at,
                   h.created_at %s
              FROM hosts h""" + TemperatureProxyStatus.JOINS + "%s";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PullRecorder proxyPulls;

    public List<HostView> list() {
        // Sensor-proxy pulls are written in batches: those this replica answered before the read are shown.
        proxyPulls.flush();
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement(
                        SELECT.formatted(TemperatureProxyStatus.COLUMNS, "ORDER BY h.id"));
                ResultSet rs = ps.executeQuery()) {
            List<HostView> out = new ArrayList<>();
            while (rs.next()) {
                out.add(view(rs, null));
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    public Optional<HostView> get(String id) {
        proxyPulls.flush();
        String sql = SELECT.formatted(TemperatureProxyStatus.COLUMNS + ", r.body::text AS latest",
                "LEFT JOIN host_reports r ON r.id = h.last_report_pk WHERE h.id = ?");
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs, rs.getString("latest"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    private static HostView view(ResultSet rs, String latest) throws SQLException {
        Array addresses = rs.getArray("addresses");
        List<String> list = addresses == null ? List.of() : List.of((String[]) addresses.getArray());
        return new HostView(rs.getString("id"), rs.getString("hostname"), rs.getString("cluster"),
                rs.getString("node"), list, rs.getString("agent_version"), Sql.instant(rs, "last_seen_at"),
                Sql.instant(rs, "last_sent_at"), Sql.instant(rs, "created_at"), TemperatureProxyStatus.from(rs),
                latest);
    }
}
