package io.homefleet.hub.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.hub.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Report ingest of a single report in one statement and one round trip (the batch writer's fallback): the insert (a re-sent report_id is stored once) and
 * the customer's summary update, which takes a report only if it is not older than the one it has.
 */
@ApplicationScoped
public class ReportRepository {
    private static final String NEWER = "(c.last_sent_at IS NULL OR c.last_sent_at <= ins.sent_at)";
    private static final String INGEST = """
            WITH ins AS (
                INSERT INTO reports (report_id, customer_id, received_at, sent_at, health_status, controller_version,
                                     cpu_percent, memory_percent, disk_percent, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (report_id) DO NOTHING
                RETURNING id, customer_id, received_at, sent_at, health_status, controller_version,
                          cpu_percent, memory_percent, disk_percent)
            UPDATE customers c SET
                last_seen_at       = greatest(c.last_seen_at, ins.received_at),
                last_report_pk     = CASE WHEN %1$s THEN ins.id ELSE c.last_report_pk END,
                health_status      = CASE WHEN %1$s THEN ins.health_status ELSE c.health_status END,
                controller_version = CASE WHEN %1$s THEN ins.controller_version ELSE c.controller_version END,
                cpu_percent        = CASE WHEN %1$s THEN ins.cpu_percent ELSE c.cpu_percent END,
                memory_percent     = CASE WHEN %1$s THEN ins.memory_percent ELSE c.memory_percent END,
                disk_percent       = CASE WHEN %1$s THEN ins.disk_percent ELSE c.disk_percent END,
                monitoring_enabled = CASE WHEN %1$s THEN ? ELSE c.monitoring_enabled END,
                controller_url     = CASE WHEN %1$s THEN coalesce(?, c.controller_url) ELSE c.controller_url END,
                last_sent_at       = CASE WHEN %1$s THEN ins.sent_at ELSE c.last_sent_at END
              FROM ins
             WHERE c.id = ins.customer_id
            RETURNING ins.id""".formatted(NEWER);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** True when stored, false when a report with this id was already there. */
    public boolean ingest(ControllerReport report, Instant receivedAt) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(INGEST)) {
            ps.setObject(1, report.reportId());
            ps.setString(2, report.customerId());
            ps.setObject(3, Sql.ts(receivedAt));
            ps.setObject(4, Sql.ts(report.sentAt()));
            ps.setString(5, report.health().status().name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(6, report.controllerVersion());
            setDouble(ps, 7, cpuPercent(report));
            setDouble(ps, 8, memoryPercent(report));
            setDouble(ps, 9, diskPercent(report));
            ps.setString(10, mapper.writeValueAsString(report));
            ps.setBoolean(11, report.monitoringOn());
            ps.setString(12, report.controllerUrl());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Double cpuPercent(ControllerReport r) {
        return r.system() == null || r.system().cpu() == null ? null : r.system().cpu().percent();
    }

    static Double memoryPercent(ControllerReport r) {
        return r.system() == null || r.system().memory() == null ? null : r.system().memory().percent();
    }

    static Double diskPercent(ControllerReport r) {
        return r.system() == null || r.system().disk() == null ? null : r.system().disk().percent();
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }
}
