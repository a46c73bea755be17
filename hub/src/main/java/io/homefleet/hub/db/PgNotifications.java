package io.homefleet.hub.db;

import io.agroal.api.AgroalDataSource;
import io.homefleet.service.retry.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The replica's one PostgreSQL listening connection: LISTEN on every subscribed channel, each notification handed
 * to that channel's handlers, and a heartbeat that says how fresh what was heard is.
 *
 * <p>Subscribers keep things in memory that a notification invalidates. PostgreSQL delivers a notification
 * committed before a query is read no later than that query's answer, so once a heartbeat is answered every change
 * that committed before the previous heartbeat was sent has been applied. {@link #usable(Duration)} says whether
 * that moment is at most a subscriber's bound ago: if the connection fails or stalls, subscribers stop trusting
 * memory after at most their bound. Whenever notifications may have been missed (the connection was (re)opened,
 * lost or the hub stops), every handler is {@link Handler#reset() reset}.
 */
@ApplicationScoped
public class PgNotifications {
    private static final Logger LOG = Logger.getLogger(PgNotifications.class);
    /** Shown in {@code pg_stat_activity}, so an operator can tell the listening connection. */
    public static final String APPLICATION_NAME = "homefleet-hub notifications";
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration RECONNECT_INITIAL = Duration.ofMillis(100);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(5);

    /** What a subscriber does with its channel's notifications. Called on the listener thread; keep it short. */
    public interface Handler {
        void notified(String payload);

        /** Notifications may have been missed: forget everything they would have invalidated. */
        void reset();
    }

    private final Map<String, List<Handler>> handlers = new ConcurrentHashMap<>();
    private final Map<Handler, Long> bounds = new ConcurrentHashMap<>();
    /** Every change committed before this moment (nanoTime) has been applied; valid while {@link #listening}. */
    private volatile long appliedUpTo;
    private volatile boolean listening;
    private volatile boolean running;
    private volatile boolean silenced;
    private boolean started;
    private Thread listener;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Hands the channel's notifications to the handler from now on. {@code bound} is the staleness the subscriber
     * tolerates; the heartbeat runs four times per the smallest bound of all subscribers. Subscribing after the hub
     * started makes the listener reconnect (every handler is reset).
     */
    public synchronized void subscribe(String channel, Duration bound, Handler handler) {
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("the staleness bound must be positive: " + bound);
        }
        bounds.put(handler, bound.toNanos());
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
        if (started && listener == null) {
            startListener();
        }
    }

    /** Late, so that every subscriber's own startup has subscribed by then. */
    synchronized void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        started = true;
        if (!handlers.isEmpty()) {
            startListener();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = listener;
        }
        resetAll();
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** True while the connection listens and everything committed up to {@code bound} ago has been applied. */
    public boolean usable(Duration bound) {
        return listening && System.nanoTime() - appliedUpTo <= bound.toNanos();
    }

    /** True while the connection listens (what was heard may still be older than a bound). */
    public boolean listening() {
        return listening;
    }

    /** For tests: the listener stops reading and heartbeating (true), as on a silently broken connection. */
    public void silence(boolean silent) {
        silenced = silent;
    }

    private void startListener() {
        running = true;
        listener = new Thread(this::listen, "pg-notification-listener");
        listener.setDaemon(true);
        listener.start();
    }

    private long smallestBound() {
        return bounds.values().stream().mapToLong(Long::longValue).min().orElse(TimeUnit.SECONDS.toNanos(2));
    }

    private void listen() {
        Backoff reconnect = Backoff.exponential(RECONNECT_INITIAL, RECONNECT_MAX);
        boolean failed = false;
        while (running) {
            Set<String> channels = Set.copyOf(handlers.keySet());
            long bound = smallestBound();
            try (Connection con = dataSource.getConnection()) {
                try {
                    // A stalled connection fails within a few bounds and is replaced; meanwhile memory is not used.
                    con.setNetworkTimeout(Runnable::run, (int) Math.max(1_000, 4 * bound / 1_000_000));
                    PGConnection pg = con.unwrap(PGConnection.class);
                    long sent = System.nanoTime();
                    try (Statement st = con.createStatement()) {
                        st.execute("SET application_name = '" + APPLICATION_NAME + "'");
                        for (String channel : channels) {
                            st.execute("LISTEN " + channel);
                        }
                    }
                    resetAll();
                    appliedUpTo = sent;
                    listening = true;
                    if (failed) {
                        LOG.infof("Listening for database change notifications again (%s)", String.join(", ", channels));
                        failed = false;
                    }
                    reconnect.reset();
                    heartbeats(con, pg, sent, channels, bound);
                } finally {
                    listening = false;
                    release(con);
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                resetAll();
                if (!running) {
                    return;
                }
                if (!failed) {
                    LOG.warnf("Not listening for database change notifications (%s): %s; what is kept in memory is "
                            + "not trusted until it listens again", String.join(", ", channels), e.getMessage());
                    failed = true;
                }
                try {
                    Thread.sleep(reconnect.nextDelay().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Applies notifications and answers heartbeats until the connection fails, the hub stops or the subscribed
     * channels change (then the caller listens again on a fresh connection).
     */
    private void heartbeats(Connection con, PGConnection pg, long listenSent, Set<String> channels, long bound)
            throws SQLException {
        long interval = Math.max(1_000_000, bound / 4);
        String heartbeat = "SELECT count(*) FROM pg_listening_channels() c WHERE c IN ("
                + channels.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ")) + ")";
        long previousSent = listenSent;
        long nextBeat = listenSent + interval;
        while (running && channels.equals(handlers.keySet()) && bound == smallestBound()) {
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
                        ResultSet rs = st.executeQuery(heartbeat)) {
                    if (!rs.next() || rs.getInt(1) != channels.size()) {
                        throw new SQLException("this database session does not listen on " + channels
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
        if (notifications == null) {
            return;
        }
        for (PGNotification n : notifications) {
            for (Handler h : handlers.getOrDefault(n.getName(), List.of())) {
                try {
                    h.notified(n.getParameter());
                } catch (RuntimeException e) {
                    // A handler that cannot apply a notification must not trust its memory any longer.
                    LOG.errorf(e, "Handling a notification on %s failed; that subscriber's memory is reset",
                            n.getName());
                    h.reset();
                }
            }
        }
    }

    private void resetAll() {
        for (List<Handler> list : handlers.values()) {
            for (Handler h : list) {
                h.reset();
            }
        }
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
