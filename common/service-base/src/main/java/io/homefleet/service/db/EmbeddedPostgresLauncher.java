package io.homefleet.service.db;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * For a service's main method, before Quarkus starts: with no datasource configured
 * ({@code quarkus.datasource.jdbc.url} / {@code QUARKUS_DATASOURCE_JDBC_URL}), starts a supervised embedded
 * PostgreSQL (settings from {@link EmbeddedPostgresSettings#fromConfig}) and points the datasource at it.
 */
public final class EmbeddedPostgresLauncher {
    private EmbeddedPostgresLauncher() {
    }

    /** The started supervisor, or empty when an external PostgreSQL is configured. */
    public static Optional<EmbeddedPostgresSupervisor> startUnlessDatasourceConfigured(Path defaultDataDir)
            throws IOException {
        UnaryOperator<String> config = EmbeddedPostgresSettings.systemLookup();
        String url = config.apply("quarkus.datasource.jdbc.url");
        if (url != null && !url.isBlank()) {
            return Optional.empty();
        }
        EmbeddedPostgresSupervisor db = EmbeddedPostgresSupervisor.start(
                EmbeddedPostgresSettings.fromConfig(config, defaultDataDir));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.close();
            } catch (IOException | RuntimeException e) {
                // The JVM is going down; the postmaster notices its clients leave and stops on its own schedule.
            }
        }, "embedded-postgres-stop"));
        System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", db.username());
        System.setProperty("quarkus.datasource.password", db.password());
        return Optional.of(db);
    }
}
