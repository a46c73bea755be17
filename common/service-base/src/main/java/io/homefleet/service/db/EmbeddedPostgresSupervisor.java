package io.homefleet.service.db;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps an embedded PostgreSQL running: should its postmaster die (killed, out of memory, crashed), it is started
 * again over the same data directory, on the same port, with the same password, so the service's connection pool
 * finds it where it was. Attempts are spaced by {@link RestartDelays}. The death is logged as a WARN, the recovery
 * as an INFO, and {@link #status()} says which it is meanwhile (the service's readiness check reports it).
 *
 * <p>One per process ({@link #current()}): the service's main method starts it before the application, and the
 * application's health check finds it there.
 */
public final class EmbeddedPostgresSupervisor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresSupervisor.class);
    static final Duration CHECK_EVERY = Duration.ofMillis(250);
    static final RestartDelays DEFAULT_DELAYS =
            RestartDelays.cappedExponential(Duration.ofMillis(250), Duration.ofSeconds(10));

    private static volatile EmbeddedPostgresSupervisor current;

    /** What the supervisor knows about the server right now. */
    public record Status(boolean up, String detail, int restarts) {
    }

    private final EmbeddedPostgresSettings settings;
    private final RestartDelays delays;
    private final Object lock = new Object();
    private EmbeddedPostgresServer server;
    private volatile Status status;
    private volatile boolean closed;
    private boolean stoppedOnPurpose;
    private int restarts;
    private final Thread watcher;

    private EmbeddedPostgresSupervisor(EmbeddedPostgresServer server, RestartDelays delays) {
        this.server = server;
        // Restarts keep the port the first start was given or chose.
        this.settings = server.settings().withPort(server.port());
        this.delays = delays;
        this.status = new Status(true, "embedded PostgreSQL running on 127.0.0.1:" + server.port(), 0);
        this.watcher = new Thread(this::watch, "embedded-postgres-supervisor");
        watcher.setDaemon(true);
    }

    /** Starts the server and watches it; becomes {@link #current()}. */
    public static EmbeddedPostgresSupervisor start(EmbeddedPostgresSettings settings) throws IOException {
        return start(settings, DEFAULT_DELAYS);
    }

    public static EmbeddedPostgresSupervisor start(EmbeddedPostgresSettings settings, RestartDelays delays)
            throws IOException {
        EmbeddedPostgresSupervisor supervisor = new EmbeddedPostgresSupervisor(
                EmbeddedPostgresServer.start(settings), delays);
        supervisor.watcher.start();
        current = supervisor;
        return supervisor;
    }

    /** The supervisor of this process's embedded server, if one was started. */
    public static Optional<EmbeddedPostgresSupervisor> current() {
        EmbeddedPostgresSupervisor s = current;
        return s == null || s.closed ? Optional.empty() : Optional.of(s);
    }

    public Status status() {
        return status;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + settings.port() + "/postgres";
    }

    public int port() {
        return settings.port();
    }

    public String username() {
        return EmbeddedPostgresServer.SUPERUSER;
    }

    public String password() {
        synchronized (lock) {
            return server.password();
        }
    }

    public EmbeddedPostgresSettings settings() {
        return settings;
    }

    /** The running postmaster's pid (-1 while none runs). */
    public long postmasterPid() {
        synchronized (lock) {
            return server != null && server.running() ? server.postmasterPid() : -1;
        }
    }

    /** Stops the server on purpose: it is not restarted until {@link #startAgain()} (for outage drills). */
    public void stopOnPurpose() throws IOException {
        synchronized (lock) {
            stoppedOnPurpose = true;
            status = new Status(false, "embedded PostgreSQL stopped on purpose", restarts);
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }

    /** Starts the server again after {@link #stopOnPurpose()}; supervision resumes. */
    public void startAgain() throws IOException {
        synchronized (lock) {
            if (server == null) {
                server = EmbeddedPostgresServer.start(settings);
            }
            stoppedOnPurpose = false;
            status = new Status(true, "embedded PostgreSQL running on 127.0.0.1:" + settings.port(), restarts);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watcher.interrupt();
        try {
            watcher.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (server != null) {
                server.close();
                server = null;
            }
        }
        if (current == this) {
            current = null;
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
                if (diedOnItsOwn()) {
                    recover();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean diedOnItsOwn() {
        synchronized (lock) {
            return !closed && !stoppedOnPurpose && server != null && !server.running();
        }
    }

    private void recover() throws InterruptedException {
        long diedPid;
        synchronized (lock) {
            diedPid = server.postmasterPid();
        }
        Instant since = Instant.now();
        LOG.warnf("The embedded PostgreSQL (postmaster pid %d, data in %s) stopped unexpectedly; restarting it on "
                + "127.0.0.1:%d", diedPid, settings.dataDir(), settings.port());
        status = new Status(false, "embedded PostgreSQL stopped unexpectedly at " + since + "; restarting it", restarts);
        int attempt = 0;
        while (!closed) {
            attempt++;
            Thread.sleep(delays.before(attempt).toMillis());
            synchronized (lock) {
                if (closed || stoppedOnPurpose) {
                    return;
                }
                try {
                    if (server != null) {
                        server.close();
                        server = null;
                    }
                    EmbeddedPostgresServer.releaseAbandonedStart(settings.dataDir());
                    server = EmbeddedPostgresServer.start(settings);
                    restarts++;
                    Duration down = Duration.between(since, Instant.now());
                    status = new Status(true, "embedded PostgreSQL running on 127.0.0.1:" + settings.port()
                            + " (restarted after it stopped at " + since + ")", restarts);
                    LOG.infof("The embedded PostgreSQL is running again (postmaster pid %d) after %d ms and %d "
                            + "attempt(s)", server.postmasterPid(), down.toMillis(), attempt);
                    return;
                } catch (IOException | RuntimeException e) {
                    status = new Status(false, "embedded PostgreSQL stopped unexpectedly at " + since
                            + "; restart attempt " + attempt + " failed: " + e.getMessage(), restarts);
                    LOG.warnf("Restarting the embedded PostgreSQL failed (attempt %d): %s; next attempt in %d ms",
                            attempt, e.getMessage(), delays.before(attempt + 1).toMillis());
                }
            }
        }
    }
}
