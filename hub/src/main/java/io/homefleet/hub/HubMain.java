package io.homefleet.hub;

import io.homefleet.hub.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Starts the hub. With no datasource configured ({@code QUARKUS_DATASOURCE_JDBC_URL} or
 * {@code -Dquarkus.datasource.jdbc.url}), it first starts an embedded PostgreSQL in
 * {@code <homefleet.hub.data-dir>/pgdata} and points the datasource at it.
 */
@QuarkusMain
public final class HubMain {

    private HubMain() {
    }

    public static void main(String... args) throws Exception {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            java.util.Properties props = new java.util.Properties();
            try (var in = HubMain.class.getResourceAsStream("/homefleet-hub-version.properties")) {
                if (in != null) {
                    props.load(in);
                }
            }
            System.out.println("homefleet-hub " + props.getProperty("version", "dev"));
            return;
        }
        if (datasourceConfigured()) {
            Quarkus.run(args);
            return;
        }
        Path dataDir = Path.of(setting("homefleet.hub.data-dir", "HOMEFLEET_HUB_DATA_DIR", "data"));
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("pgdata"), false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.close();
            } catch (Exception ignored) {
                // The JVM is going down; PostgreSQL's own postmaster notices and stops.
            }
        }, "embedded-postgres-stop"));
        System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", db.username());
        System.setProperty("quarkus.datasource.password", db.password());
        Quarkus.run(args);
    }

    private static boolean datasourceConfigured() {
        return System.getProperty("quarkus.datasource.jdbc.url") != null
                || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
