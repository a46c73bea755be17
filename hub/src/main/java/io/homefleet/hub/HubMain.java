package io.homefleet.hub;

import io.homefleet.service.db.EmbeddedPostgresLauncher;
import io.homefleet.service.version.ServiceVersion;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Starts the hub. With no datasource configured ({@code QUARKUS_DATASOURCE_JDBC_URL} or
 * {@code -Dquarkus.datasource.jdbc.url}), it first starts a supervised embedded PostgreSQL in
 * {@code <homefleet.hub.data-dir>/pgdata} (durable, password in {@code pgdata.password}) and points the datasource
 * at it.
 */
@QuarkusMain
public final class HubMain {

    private HubMain() {
    }

    public static void main(String... args) throws Exception {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println("homefleet-hub " + ServiceVersion.of("hub"));
            return;
        }
        if (args.length > 0 && args[0].equals("operators")) {
            System.exit(io.homefleet.hub.operator.OperatorsCli.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        EmbeddedPostgresLauncher.startUnlessDatasourceConfigured(embeddedDataDir());
        Quarkus.run(args);
    }

    /** {@code <homefleet.hub.data-dir>/pgdata}, unless {@code homefleet.embedded-postgres.data-dir} says otherwise. */
    static Path embeddedDataDir() {
        return Path.of(setting("homefleet.hub.data-dir", "HOMEFLEET_HUB_DATA_DIR", "data")).resolve("pgdata");
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
