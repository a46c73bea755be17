package io.homefleet.hub.tempproxy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Records each answered pull (time and hash) on the proxy's row. Nearly every pull gets the hash the proxy already
 * had; writing each of those would make a database write the main cost of a 304. So a pull of a hash this replica
 * has not yet written for the proxy is written at once (operators see {@code hash_current} change immediately),
 * and a pull of the same hash only waits in memory, newest per proxy, until the next flush writes all of them in
 * one statement: every {@code pull-flush-interval}, before an operator's host view is read on this replica, and
 * when the hub stops. A replica that dies loses at most one interval of such repeat pulls.
 *
 * <p>Plain SQL (docs/hub.md, "Persistence"): the poll path; one {@code UPDATE ... FROM unnest(...)} per flush.
 * docs/benchmarks.md: database transactions during 1,000 polls/s fell from ~2,900/s to 700–1,150/s. Writes only
 * {@code last_pull_at} and {@code last_hash}, which {@link TemperatureProxyEntity} maps read-only.
 */
@ApplicationScoped
public class PullRecorder {
    private static final Logger LOG = Logger.getLogger(PullRecorder.class);
    private static final int MAX_ENTRIES = 100_000;

    /** The newest unwritten pull per host id. */
    private final Map<String, Pull> pending = new ConcurrentHashMap<>();
    /** The hash this replica last wrote per host id: a pull of another hash is written at once. */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    /** Held while pulls are written, so a flush returns only when every pull recorded before it is stored. */
    private final ReentrantLock flushing = new ReentrantLock();
    /** Set when the hub stops: every later pull is written at once. */
    private volatile boolean stopped;

    @Inject
    NodeListRepository nodeLists;

    /** One pull: when it was answered and the hash it got. */
    public record Pull(Instant at, String hash) {
    }

    /** Records a pull answered now. */
    public void record(String hostId, String hash) {
        record(hostId, new Pull(Instant.now(), hash));
    }

    void record(String hostId, Pull pull) {
        if (!stopped && pull.hash().equals(written.get(hostId))) {
            pending.merge(hostId, pull, PullRecorder::newer);
            return;
        }
        try {
            nodeLists.recordPulls(Map.of(hostId, pull));
            remember(hostId, pull.hash());
        } catch (SQLException | RuntimeException e) {
            // The poll is answered all the same; the next flush tries again.
            LOG.debugf("Pull of host %s not written yet: %s", hostId, e.getMessage());
            pending.merge(hostId, pull, PullRecorder::newer);
        }
    }

    /** Writes every pull recorded so far; returns once they are stored (or failed and were kept for later). */
    public void flush() {
        flushing.lock();
        try {
            if (pending.isEmpty()) {
                return;
            }
            Map<String, Pull> batch = new HashMap<>();
            for (String host : pending.keySet()) {
                Pull p = pending.remove(host);
                if (p != null) {
                    batch.put(host, p);
                }
            }
            try {
                nodeLists.recordPulls(batch);
                batch.forEach((host, p) -> remember(host, p.hash()));
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Could not write %d sensor-proxy pull records (kept for the next try): %s", batch.size(),
                        e.getMessage());
                batch.forEach((host, p) -> pending.merge(host, p, PullRecorder::newer));
            }
        } finally {
            flushing.unlock();
        }
    }

    @Scheduled(every = "{homefleet.hub.temperature-proxy.pull-flush-interval}", identity = "temperature-proxy-pulls",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledFlush() {
        flush();
    }

    void start(@Observes StartupEvent event) {
        stopped = false;
    }

    /** From now on every pull is written at once, and what waits is written now. */
    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        flush();
    }

    /** Pulls waiting to be written (for tests). */
    int pendingCount() {
        return pending.size();
    }

    private void remember(String hostId, String hash) {
        if (written.size() >= MAX_ENTRIES && !written.containsKey(hostId)) {
            written.clear();
        }
        written.put(hostId, hash);
    }

    private static Pull newer(Pull a, Pull b) {
        return b.at().isAfter(a.at()) ? b : a;
    }
}
