package io.homefleet.hub.support;

import io.homefleet.hub.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh embedded PostgreSQL for the test run, in the build directory. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedDatabase db;
    private static Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hub-pg-");
            dataDir = dir;
            // Not "clean": the directory is new anyway, and a clean one would be deleted by an outage test's stop.
            db = EmbeddedDatabase.start(dir, false);
            return Map.of("quarkus.datasource.jdbc.url", db.jdbcUrl(),
                    "quarkus.datasource.username", db.username(),
                    "quarkus.datasource.password", db.password(),
                    "homefleet.hub.data-dir", dir.resolve("hub").toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
        }
    }

    /** Stops the database under the running hub (for outage tests); {@link #restartDatabase()} brings it back. */
    public static synchronized int stopDatabase() throws java.io.IOException {
        int port = db.port();
        db.close();
        return port;
    }

    /** Starts the database again over the same data on the same port, where the hub's pool finds it. */
    public static synchronized void restartDatabase(int port) throws java.io.IOException {
        db = EmbeddedDatabase.start(dataDir, false, port);
    }

    @Override
    public void stop() {
        try {
            if (db != null) {
                db.close();
            }
        } catch (Exception ignored) {
            // the test JVM is ending
        }
    }
}
