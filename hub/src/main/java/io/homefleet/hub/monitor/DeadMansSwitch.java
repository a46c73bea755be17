package io.homefleet.hub.monitor;

import io.agroal.api.AgroalDataSource;
import io.homefleet.hub.customer.StatusPolicy;
import io.homefleet.hub.db.Sql;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Raises node_stale, node_down and node_recovered exactly once per transition. One statement for the whole
 * fleet: it computes each customer's staleness, moves alert_state with a conditional update on the old state
 * (so a concurrent sweep on another replica finds nothing left to change) and inserts the events of the rows
 * it changed. Blocked customers and customers with monitoring paused change state silently.
 *
 * <p>Plain SQL (docs/hub.md, "Persistence"): the sweep. docs/benchmarks.md: 131 ms over 100,000 customers with
 * 1 % crossing a threshold, 5 transactions in all (target 1 s, no query per customer). Writes only
 * {@code customers.alert_state} and {@code alert_changed_at}, which no entity maps.
 */
@ApplicationScoped
public class DeadMansSwitch {
    private static final Logger LOG = Logger.getLogger(DeadMansSwitch.class);

    private static final String SWEEP = """
            WITH cand AS (
                SELECT id, alert_state AS old_state,
                       CASE WHEN last_seen_at < ? THEN 'down'
                            WHEN last_seen_at <= ? THEN 'stale'
                            ELSE 'ok' END AS new_state
                  FROM customers
                 WHERE last_seen_at IS NOT NULL),
            changed AS (
                UPDATE customers c SET alert_state = cand.new_state, alert_changed_at = ?
                  FROM cand
                 WHERE c.id = cand.id AND cand.new_state <> cand.old_state AND c.alert_state = cand.old_state
                RETURNING c.id, cand.old_state, cand.new_state, c.blocked, c.monitoring_enabled, c.last_seen_at)
            INSERT INTO events (event_id, customer_id, event_type, severity, message, details, source, occurred_at,
                                received_at)
            SELECT gen_random_uuid(), id,
                   CASE new_state WHEN 'stale' THEN 'node_stale' WHEN 'down' THEN 'node_down'
                                  ELSE 'node_recovered' END,
                   CASE new_state WHEN 'stale' THEN 'warning' WHEN 'down' THEN 'error' ELSE 'info' END,
                   CASE new_state
                        WHEN 'ok' THEN 'reporting again after being ' || old_state
                        ELSE 'no report for ' || floor(extract(epoch FROM (? - last_seen_at)) / 60)::bigint
                             || ' minutes (last at ' || to_char(last_seen_at AT TIME ZONE 'UTC',
                                                                'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')' END,
                   jsonb_build_object('previous_state', old_state, 'state', new_state,
                                      'last_report_at', last_seen_at),
                   'hub', ?, ?
              FROM changed
             WHERE NOT blocked AND monitoring_enabled
               AND NOT (old_state = 'none' AND new_state = 'ok')
               AND NOT (old_state = 'down' AND new_state = 'stale')
            RETURNING customer_id, event_type""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatusPolicy policy;

    /** A transition event the sweep raised. */
    public record Transition(String customerId, String eventType) {
    }

    @Scheduled(every = "{homefleet.hub.sweep.every}", identity = "dead-mans-switch",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledSweep() {
        List<Transition> raised = sweep(Instant.now());
        if (!raised.isEmpty()) {
            LOG.infof("Dead man's switch raised %d event(s)", raised.size());
        }
    }

    /** Runs one sweep as of {@code now}; returns the events it raised. */
    public List<Transition> sweep(Instant now) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(SWEEP)) {
            ps.setObject(1, Sql.ts(policy.downBefore(now)));
            ps.setObject(2, Sql.ts(policy.freshSince(now)));
            ps.setObject(3, Sql.ts(now));
            ps.setObject(4, Sql.ts(now));
            ps.setObject(5, Sql.ts(now));
            ps.setObject(6, Sql.ts(now));
            List<Transition> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Transition(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }
}
