package io.homefleet.service.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * A PostgreSQL server run by a service itself (no datasource configured), so `make run` needs nothing installed.
 * Its data directory is kept between runs.
 *
 * <p>Locked down: it listens on 127.0.0.1 only, and every connection, over TCP or the Unix socket, must present
 * the superuser's password (scram-sha-256), which is generated on first start into a 0600 file beside the data
 * directory ({@link EmbeddedPostgresSettings#passwordFile()}). A data directory from a version that trusted every
 * local user is migrated on start: its password is set and its pg_hba.conf rewritten before anyone else is let in
 * (meanwhile TCP already needs the password, and only this process can reach the socket it connects through).
 *
 * <p>Durable unless told otherwise ({@link EmbeddedPostgresSettings#durable()}): the library's defaults (fsync off,
 * synchronous commit off) lose acknowledged transactions when the server is killed, so they are overridden
 * explicitly, every start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    public static final String SUPERUSER = "postgres";
    static final String HBA_MARKER = "# homefleet: managed";

    private final EmbeddedPostgres postgres;
    private final EmbeddedPostgresSettings settings;
    private final String password;
    private final long postmasterPid;
    /** The lock-down's socket directory (only after a migration), removed when the server stops. */
    private final Path privateSocketDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, EmbeddedPostgresSettings settings, String password,
            long postmasterPid, Path privateSocketDir) {
        this.postgres = postgres;
        this.settings = settings;
        this.password = password;
        this.postmasterPid = postmasterPid;
        this.privateSocketDir = privateSocketDir;
    }

    /** Starts a server over {@code settings.dataDir()} (initialising it on first start). */
    public static EmbeddedPostgresServer start(EmbeddedPostgresSettings settings) throws IOException {
        Path dataDir = settings.dataDir();
        Files.createDirectories(dataDir.getParent());
        String password = PasswordFile.readOrCreate(settings.passwordFile());
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        boolean trustedEveryone = !fresh && !managedHba(dataDir);
        removeStaleLockFile(dataDir);

        String onOff = settings.durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // Stopping is the owner's decision (a supervisor restarts a server that died on its own).
                .setRegisterShutdownHook(false)
                .setPGStartupWait(settings.startupWait())
                .setServerConfig("listen_addresses", "127.0.0.1")
                // No Unix socket: every client connects over TCP, and a killed server's socket lock in /tmp
                // would keep the restarted one from starting.
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "64MB")
                // Given after the library's "-F" (fsync off) on the command line, so these win.
                .setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("full_page_writes", onOff)
                .setConnectConfig("password", password);
        int port = settings.port() > 0 ? settings.port() : freePort();
        builder.setPort(port);
        if (fresh) {
            // Passed through to initdb as --auth=... and --pwfile=...; they follow (and so override) its "-A trust".
            builder.setLocaleConfig("auth", "scram-sha-256");
            builder.setLocaleConfig("pwfile", settings.passwordFile().toString());
        }
        Path privateSocketDir = null;
        if (trustedEveryone) {
            // Locked down before anyone else gets in: TCP already needs a password (which no role has yet, so
            // nobody gets in that way), and this process connects as the trusted superuser over a Unix socket in a
            // directory only its own user may enter.
            privateSocketDir = Files.createTempDirectory("pg-");
            Path socket = privateSocketDir.resolve(".s.PGSQL." + port);
            builder.setServerConfig("unix_socket_directories", "'" + privateSocketDir + "'")
                    .setConnectConfig("socketFactory", UnixSocketFactory.class.getName())
                    .setConnectConfig("socketFactoryArg", socket.toString())
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), LOCKING_DOWN_HBA));
        } else {
            builder.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), MANAGED_HBA));
        }
        EmbeddedPostgres pg = builder.start();
        try {
            if (trustedEveryone) {
                lockDown(pg, password, dataDir);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, settings, password,
                    readPostmasterPid(dataDir).orElse(-1), privateSocketDir);
            LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d with data in %s (%s)", pg.getPort(), dataDir,
                    settings.durable() ? "durable: fsync and synchronous commit on"
                            : "NOT durable: fsync and synchronous commit off");
            return server;
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public EmbeddedPostgresSettings settings() {
        return settings;
    }

    /** The postmaster's process id, or -1 if it could not be read. */
    public long postmasterPid() {
        return postmasterPid;
    }

    /** Whether the postmaster this start launched is still running (not exited, not a zombie). */
    public boolean running() {
        return postmasterPid > 0 && alive(postmasterPid);
    }

    /** Stops the server (if it still runs) and releases its data directory. */
    @Override
    public void close() throws IOException {
        if (!running()) {
            // Nothing to stop; the library would log a failed "pg_ctl stop" as an error.
            removeStaleLockFile(settings.dataDir());
        }
        postgres.close();
        if (privateSocketDir != null) {
            // Empty once the server stopped (it removes its socket); left alone otherwise.
            try {
                Files.deleteIfExists(privateSocketDir);
            } catch (IOException e) {
                LOG.debugf("Left %s: %s", privateSocketDir, e.getMessage());
            }
        }
    }

    static boolean managedHba(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER);
    }

    private static final String MANAGED_HBA = String.join("\n", List.of(
            HBA_MARKER + ": every connection needs the superuser's password (scram-sha-256).",
            "# Rewritten at every start; the server listens on 127.0.0.1 only.",
            "local   all   all                  scram-sha-256",
            "host    all   all   127.0.0.1/32   scram-sha-256",
            "host    all   all   ::1/128        scram-sha-256",
            ""));

    /** While a trust-mode directory is locked down; without the marker, so an interrupted lock-down runs again. */
    private static final String LOCKING_DOWN_HBA = String.join("\n", List.of(
            "# homefleet: setting the superuser's password (the socket is in a directory only its owner may enter)",
            "local   all   postgres             trust",
            "host    all   all   127.0.0.1/32   scram-sha-256",
            "host    all   all   ::1/128        scram-sha-256",
            ""));

    private static void writeHba(Path dataDir, String hba) {
        try {
            Path temp = dataDir.resolve("pg_hba.conf.new");
            Files.writeString(temp, hba, StandardCharsets.UTF_8);
            Files.move(temp, dataDir.resolve("pg_hba.conf"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDir, e);
        }
    }

    /**
     * A data directory from the version that trusted every local user, started with {@link #LOCKING_DOWN_HBA}: set
     * the password (sent as a SCRAM verifier, never in clear) over the private socket and require it from now on.
     */
    private static void lockDown(EmbeddedPostgres pg, String password, Path dataDir) throws IOException {
        LOG.warnf("The embedded PostgreSQL in %s trusted every local user; setting its password and requiring it",
                dataDir);
        try (Connection con = pg.getPostgresDatabase().getConnection(); Statement st = con.createStatement()) {
            con.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            writeHba(dataDir, MANAGED_HBA);
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException | UncheckedIOException e) {
            throw new IOException("cannot require a password on the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Clears what a failed start in this process left behind before the next attempt: the library keeps its file
     * lock on {@code epg-lock} when a start fails (a fresh file is a fresh lock; PostgreSQL's own postmaster.pid
     * still keeps two servers off one directory), and a postmaster that came up too late to count is stopped.
     */
    static void releaseAbandonedStart(Path dataDir) throws IOException {
        OptionalLong pid = readPostmasterPid(dataDir);
        if (pid.isPresent() && alive(pid.getAsLong())) {
            ProcessHandle.of(pid.getAsLong()).ifPresent(ProcessHandle::destroy);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (alive(pid.getAsLong()) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while stopping a leftover postmaster", e);
                }
            }
        }
        Files.deleteIfExists(dataDir.resolve("epg-lock"));
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The postmaster's pid from {@code postmaster.pid} (its first line), if the file is there. */
    static OptionalLong readPostmasterPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A postmaster killed outright leaves its lock file; PostgreSQL removes it by itself unless the pid is still
     * taken, which a zombie (killed, not yet reaped by its parent) does. Then it is ours to remove, once no process
     * of the old server still works in the directory (its backends exit soon after their postmaster): two sets of
     * processes on one data directory would corrupt it, and the lock file is what stops that.
     */
    private static void removeStaleLockFile(Path dataDir) throws IOException {
        OptionalLong pid = readPostmasterPid(dataDir);
        if (pid.isEmpty() || alive(pid.getAsLong())) {
            return;
        }
        List<Long> left = processesWorkingIn(dataDir);
        if (!left.isEmpty()) {
            throw new IOException("processes " + left + " of the previous PostgreSQL still run in " + dataDir);
        }
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
    }

    /** Live processes whose working directory is {@code dir} (PostgreSQL's server processes run in their data dir). */
    static List<Long> processesWorkingIn(Path dir) throws IOException {
        Path real = dir.toRealPath();
        List<Long> found = new java.util.ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readSymbolicLink(proc.resolve("cwd")).equals(real) && alive(Long.parseLong(name))) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to look at
                }
            }
        }
        return found;
    }

    /** Running: the process exists and is not a zombie. */
    static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // "pid (comm) S ...": the state follows the last ')'.
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
