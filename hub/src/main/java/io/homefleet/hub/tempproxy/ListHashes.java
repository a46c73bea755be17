package io.homefleet.hub.tempproxy;

import io.agroal.api.AgroalDataSource;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.tempproxy.NodeListRepository.ListState;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The state of each proxy's list (scope, hash, updated_at) kept in memory, so a poll whose list did not change
 * needs no database statement.
 *
 * <p>Every replica listens on PostgreSQL channel {@code temperature_proxy_lists}, on which a trigger on hosts
 * names each scope whose list may have changed (V3__temperature_proxy_notify.sql); the entries of that scope are
 * dropped when the notification arrives, milliseconds after the change commits. The listening connection also
 * answers a heartbeat four times per {@code list-staleness-bound}. PostgreSQL delivers a notification committed
 * before a query is read no later than that query's answer, so once a heartbeat is answered every change that
 * committed before the previous heartbeat was sent has been applied. Memory is used only while that moment is at
 * most the bound ago: if the connection fails or stalls, polls read the hash from PostgreSQL after at most the
 * bound, and the memory is emptied before it is used again.
 */
@ApplicationScoped
public class ListHashes {
    private static final Logger LOG = Logger.getLogger(ListHashes.class);
    static final String CHANNEL = "temperature_proxy_lists";
    static final String APPLICATION_NAME = "homefleet-hub temperature-proxy lists";
    private static final int MAX_ENTRIES = 100_000;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final String HEARTBEAT = "SELECT count(*) FROM pg_listening_channels() c WHERE c = '"
            + CHANNEL + "'";

    private final Map<String, ListState> byHost = new ConcurrentHashMap<>();
    /** Moves on every notification and every (re)connection; a load that saw it move keeps nothing. */
    private final AtomicLong epoch = new AtomicLong();
    /** Every change committed before this moment (nanoTime) has been applied; valid while {@link #listening}. */
    private volatile long appliedUpTo;
    private volatile boolean listening;
    private volatile boolean running;
    private volatile boolean silenced;
    private Thread listener;
    private volatile long boundNanos;

    @Inject
    NodeListRepository nodeLists;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    void start(@Observes StartupEvent event) {
        boundNanos = config.temperatureProxy().listStalenessBound().toNanos();
        if (boundNanos <= 0) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "temperature-proxy-list-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        forget();
        if (listener != null) {
            listener.interrupt();
            listener.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** The host's proxy's list now; empty when the host or its proxy registration is gone (never kept). */
    public Optional<ListState> current(String hostId) {
        if (usable()) {
            ListState kept = byHost.get(hostId);
            if (kept != null) {
                return Optional.of(kept);
            }
        }
        return load(hostId);
    }

    /** As {@link #current}, always from the database (for a list read that disagrees with the kept hash). */
    public Optional<ListState> reload(String hostId) {
        return load(hostId);
    }

    /** For tests: the listener stops reading and heartbeating (true), as on a silently broken connection. */
    void silence(boolean silent) {
        silenced = silent;
    }

    /** True while memory may answer: listening, and everything committed up to the bound ago applied. */
    boolean usable() {
        return listening && System.nanoTime() - appliedUpTo <= boundNanos;
    }

    private Optional<ListState> load(String hostId) {
        long seen = epoch.get();
        Optional<ListState> state = nodeLists.current(hostId);
        if (state.isPresent() && listening) {
            if (byHost.size() >= MAX_ENTRIES) {
                byHost.clear();
            }
            byHost.put(hostId, state.get());
            // A notification that arrived during the read may concern what was read: keep nothing then.
            if (epoch.get() != seen) {
                byHost.remove(hostId, state.get());
            }
        }
        return state;
    }

    private void listen() {
        long backoff = 100;
        boolean failed = false;
        while (running) {
            try (Connection con = dataSource.getConnection()) {
                try {
                    // A stalled connection fails within a few bounds and is replaced; meanwhile memory is not used.
                    con.setNetworkTimeout(Runnable::run, (int) Math.max(1_000, 4 * boundNanos / 1_000_000));
                    PGConnection pg = con.unwrap(PGConnection.class);
                    long sent = System.nanoTime();
                    try (Statement st = con.createStatement()) {
                        // Named, so an operator can tell it in pg_stat_activity.
                        st.execute("SET application_name = '" + APPLICATION_NAME + "'");
                        st.execute("LISTEN " + CHANNEL);
                    }
                    forget();
                    appliedUpTo = sent;
                    listening = true;
                    if (failed) {
                        LOG.info("Listening for temperature-proxy list changes again; list hashes are kept in memory");
                        failed = false;
                    }
                    backoff = 100;
                    heartbeats(con, pg, sent);
                } finally {
                    listening = false;
                    release(con);
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                forget();
                if (!running) {
                    return;
                }
                if (!failed) {
                    LOG.warnf("Not listening for temperature-proxy list changes (%s); polls read list hashes from "
                            + "the database until it listens again", e.getMessage());
                    failed = true;
                }
                try {
                    Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /** Applies notifications and answers heartbeats until the connection fails or the hub stops. */
    private void heartbeats(Connection con, PGConnection pg, long listenSent) throws SQLException {
        long interval = Math.max(1_000_000, boundNanos / 4);
        long previousSent = listenSent;
        long nextBeat = listenSent + interval;
        while (running) {
            if (silenced) {
                sleep(interval);
                continue;
            }
            long waitMillis = Math.max(1, (nextBeat - System.nanoTime()) / 1_000_000);
            apply(pg.getNotifications((int) Math.min(Integer.MAX_VALUE, waitMillis)));
            if (System.nanoTime() >= nextBeat) {
                long sent = System.nanoTime();
                // Also proves the session still listens: behind a pooler that hands each statement to another
                // server session (transaction pooling), notifications would be lost, so memory must not be used.
                try (Statement st = con.createStatement();
                        ResultSet rs = st.executeQuery(HEARTBEAT)) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new SQLException("this database session does not listen on " + CHANNEL
                                + " (a connection pooler in transaction mode? LISTEN needs a session of its own)");
                    }
                }
                apply(pg.getNotifications());
                appliedUpTo = previousSent;
                previousSent = sent;
                nextBeat = sent + interval;
            }
        }
    }

    /** The connection goes back to the pool: as it came, if it still works. */
    private static void release(Connection con) {
        try (Statement st = con.createStatement()) {
            st.execute("UNLISTEN *");
            st.execute("RESET application_name");
            con.setNetworkTimeout(Runnable::run, 0);
        } catch (SQLException | RuntimeException e) {
            // A broken connection: the pool validates connections before handing them out again.
        }
    }

    private void apply(PGNotification[] notifications) {
        if (notifications == null || notifications.length == 0) {
            return;
        }
        epoch.incrementAndGet();
        for (PGNotification n : notifications) {
            String scope = n.getParameter();
            byHost.values().removeIf(state -> state.scope().equals(scope));
        }
    }

    private void forget() {
        epoch.incrementAndGet();
        byHost.clear();
    }

    private void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
