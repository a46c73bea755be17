package io.homefleet.hub.monitor;

import io.agroal.api.AgroalDataSource;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.db.Sql;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes reports and events older than the retention, daily, in small batches (each its own transaction)
 * so ingest never waits behind one long delete. Each customer's and host's latest report is kept, so the
 * operator still sees what a long-silent node last said.
 *
 * <p>Plain SQL (docs/hub.md, "Persistence"): a sweep over the largest tables; batched deletes
 * ({@code DELETE ... WHERE id IN (SELECT ... LIMIT n)}) have no Panache form, and one entity load per deleted row
 * would make the daily prune of millions of rows the hub's biggest job. Not benchmarked on its own.
 */
@ApplicationScoped
public class RetentionPruner {
    private static final Logger LOG = Logger.getLogger(RetentionPruner.class);

    private static final String PRUNE_REPORTS = """
            DELETE FROM reports WHERE id IN (
                SELECT r.id FROM reports r
                 WHERE r.received_at < ?
                   AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.last_report_pk = r.id)
                 LIMIT ?)""";
    private static final String PRUNE_HOST_REPORTS = """
            DELETE FROM host_reports WHERE id IN (
                SELECT r.id FROM host_reports r
                 WHERE r.received_at < ?
                   AND NOT EXISTS (SELECT 1 FROM hosts h WHERE h.last_report_pk = r.id)
                 LIMIT ?)""";
    private static final String PRUNE_EVENTS = """
            DELETE FROM events WHERE id IN (SELECT id FROM events WHERE received_at < ? LIMIT ?)""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    /** What one prune removed. */
    public record Pruned(long reports, long hostReports, long events) {
    }

    @Scheduled(cron = "{homefleet.hub.retention.prune-cron}", timeZone = "{homefleet.hub.retention.time-zone}",
            identity = "retention-prune", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPrune() {
        Pruned pruned = prune(Instant.now());
        LOG.infof("Retention prune removed %d report(s), %d host report(s), %d event(s) older than %d days",
                pruned.reports(), pruned.hostReports(), pruned.events(), config.retention().maxDays());
    }

    public Pruned prune(Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(config.retention().maxDays()));
        return new Pruned(inBatches(PRUNE_REPORTS, cutoff), inBatches(PRUNE_HOST_REPORTS, cutoff),
                inBatches(PRUNE_EVENTS, cutoff));
    }

    private long inBatches(String sql, Instant cutoff) {
        int batch = config.retention().batchSize();
        long total = 0;
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql)) {
            int deleted;
            do {
                ps.setObject(1, Sql.ts(cutoff));
                ps.setInt(2, batch);
                deleted = ps.executeUpdate(); // autocommit: one short transaction per batch
                total += deleted;
            } while (deleted == batch);
            return total;
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }
}
