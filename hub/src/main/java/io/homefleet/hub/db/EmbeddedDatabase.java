package io.homefleet.hub.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server run by the hub itself when no datasource is configured, so `make run` needs nothing
 * installed. Its data directory is kept between runs.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (or restarts over the kept data of) a server in {@code dataDir}; a free port is chosen. */
    public static EmbeddedDatabase start(Path dataDir, boolean clean) throws IOException {
        return start(dataDir, clean, 0);
    }

    /** As {@link #start(Path, boolean)}, on a given port (0 = any free one). */
    public static EmbeddedDatabase start(Path dataDir, boolean clean, int port) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(clean)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "64MB")
                .start();
        LOG.infof("Embedded PostgreSQL started on port %d with data in %s", pg.getPort(), dataDir);
        return new EmbeddedDatabase(pg);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
