package io.homefleet.service.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How an embedded PostgreSQL is run.
 *
 * @param dataDir      the cluster's data directory (created and initialised on first start, kept afterwards)
 * @param port         the TCP port on 127.0.0.1; 0 picks a free one at first start (a restart keeps the port)
 * @param durable      true (the default wherever real data lives): fsync, synchronous commit and full page writes on,
 *                     so a committed transaction survives a crash of the server or the machine. false only for tests
 *                     and benchmarks that throw their data away
 * @param passwordFile the superuser's password, generated on first start, mode 0600
 * @param startupWait  how long a start may take before it counts as failed
 */
public record EmbeddedPostgresSettings(Path dataDir, int port, boolean durable, Path passwordFile,
        Duration startupWait) {

    /** Configuration keys (system property, or environment variable in upper case with '_'). */
    public static final String DATA_DIR = "homefleet.embedded-postgres.data-dir";
    public static final String PORT = "homefleet.embedded-postgres.port";
    public static final String DURABLE = "homefleet.embedded-postgres.durable";

    public EmbeddedPostgresSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        passwordFile = passwordFile == null ? defaultPasswordFile(dataDir) : passwordFile.toAbsolutePath().normalize();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
    }

    /** Durable, on a free port, the password in {@code <data-dir>.password} beside the data directory. */
    public static EmbeddedPostgresSettings of(Path dataDir) {
        return new EmbeddedPostgresSettings(dataDir, 0, true, null, Duration.ofSeconds(60));
    }

    /**
     * The settings a service's main method starts with: {@link #DATA_DIR}, {@link #PORT} and {@link #DURABLE} from
     * {@code lookup} (system properties, then the environment: see {@link #systemLookup()}), else the service's
     * default data directory, a free port, durable.
     */
    public static EmbeddedPostgresSettings fromConfig(UnaryOperator<String> lookup, Path defaultDataDir) {
        String dir = lookup.apply(DATA_DIR);
        String port = lookup.apply(PORT);
        String durable = lookup.apply(DURABLE);
        EmbeddedPostgresSettings settings = of(blank(dir) ? defaultDataDir : Path.of(dir));
        if (!blank(port)) {
            settings = settings.withPort(Integer.parseInt(port.strip()));
        }
        if (!blank(durable)) {
            settings = settings.withDurable(parseBoolean(DURABLE, durable));
        }
        return settings;
    }

    /** A key's value from the system properties, else from the environment ({@code a.b-c} → {@code A_B_C}). */
    public static UnaryOperator<String> systemLookup() {
        return key -> {
            String value = System.getProperty(key);
            return value != null ? value
                    : System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        };
    }

    public EmbeddedPostgresSettings withPort(int newPort) {
        return new EmbeddedPostgresSettings(dataDir, newPort, durable, passwordFile, startupWait);
    }

    public EmbeddedPostgresSettings withDurable(boolean newDurable) {
        return new EmbeddedPostgresSettings(dataDir, port, newDurable, passwordFile, startupWait);
    }

    /** {@code /var/lib/hub/pgdata} → {@code /var/lib/hub/pgdata.password}: outside the data directory, which initdb
     * needs empty and which backups of the cluster copy whole. */
    static Path defaultPasswordFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".password");
    }

    private static boolean parseBoolean(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
