package io.homefleet.service.db.testing;

import io.homefleet.service.db.EmbeddedPostgresSettings;
import io.homefleet.service.db.EmbeddedPostgresSupervisor;
import io.homefleet.service.db.RestartDelays;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh, supervised embedded PostgreSQL for a {@code @QuarkusTest} run, in the build's temporary directory, with
 * the datasource pointed at it. Arguments ({@code @ResourceArg}):
 * <ul>
 * <li>{@code durable}: {@code true} or {@code false} — required, so a test suite says which it runs with (test
 *     data is thrown away, so suites usually choose {@code false}: fsync and synchronous commit off);</li>
 * <li>{@code first-restart-delay-ms}: optional, how long the supervisor waits before its first restart of a dead
 *     server (default 6 s here, 250 ms in production): longer than a readiness call that waits for a connection on a
 *     loaded machine, so a test polling health sees the outage before it is over;</li>
 * <li>{@code data-dir-key}: optional, a config key set to a directory beside the database's, for the service's own
 *     files (e.g. {@code homefleet.hub.data-dir}).</li>
 * </ul>
 */
public class EmbeddedPostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedPostgresSupervisor db;
    private boolean durable;
    private String dataDirKey;
    private Duration firstRestartDelay;

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs.get("durable");
        if (!"true".equals(value) && !"false".equals(value)) {
            throw new IllegalArgumentException("say durable=true or durable=false in the @ResourceArg of "
                    + getClass().getSimpleName());
        }
        durable = Boolean.parseBoolean(value);
        dataDirKey = initArgs.get("data-dir-key");
        firstRestartDelay = Duration.ofMillis(Long.parseLong(initArgs.getOrDefault("first-restart-delay-ms", "6000")));
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-");
            db = EmbeddedPostgresSupervisor.start(EmbeddedPostgresSettings.of(dir.resolve("pgdata"))
                    .withDurable(durable), RestartDelays.cappedExponential(firstRestartDelay, Duration.ofSeconds(10)));
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", db.username());
            config.put("quarkus.datasource.password", db.password());
            if (dataDirKey != null) {
                config.put(dataDirKey, dir.resolve("service").toString());
            }
            return config;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
        }
    }

    /** The running test database's supervisor. */
    public static synchronized EmbeddedPostgresSupervisor database() {
        if (db == null) {
            throw new IllegalStateException("the embedded PostgreSQL test resource has not started");
        }
        return db;
    }

    /** Stops the database under the running service (an outage drill); {@link #startDatabase()} brings it back. */
    public static void stopDatabase() throws IOException {
        database().stopOnPurpose();
    }

    /** Starts it again over the same data on the same port, where the service's pool finds it. */
    public static void startDatabase() throws IOException {
        database().startAgain();
    }

    @Override
    public synchronized void stop() {
        try {
            if (db != null) {
                db.close();
                db = null;
            }
        } catch (IOException | RuntimeException e) {
            // the test JVM is ending
        }
    }
}
