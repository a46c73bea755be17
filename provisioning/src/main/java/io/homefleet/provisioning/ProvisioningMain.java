package io.homefleet.provisioning;

import io.homefleet.service.db.EmbeddedPostgresLauncher;
import io.homefleet.service.version.ServiceVersion;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts provisioning. {@code --config FILE} names the provisioning.yaml to use. With no datasource configured it
 * first starts a supervised embedded PostgreSQL in {@code <homefleet.provisioning.data-dir>/pgdata}, as the hub does.
 */
@QuarkusMain
public final class ProvisioningMain {
    static final String CONFIG_FILE_PROPERTY = "homefleet.provisioning.config-file";

    private ProvisioningMain() {
    }

    public static void main(String... args) throws Exception {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println("homefleet-provisioning " + ServiceVersion.of("provisioning"));
            return;
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                System.setProperty(CONFIG_FILE_PROPERTY, Path.of(args[++i]).toAbsolutePath().toString());
            } else if (args[i].startsWith("--config=")) {
                System.setProperty(CONFIG_FILE_PROPERTY,
                        Path.of(args[i].substring("--config=".length())).toAbsolutePath().toString());
            } else {
                rest.add(args[i]);
            }
        }
        EmbeddedPostgresLauncher.startUnlessDatasourceConfigured(embeddedDataDir());
        Quarkus.run(rest.toArray(String[]::new));
    }

    /** {@code <homefleet.provisioning.data-dir>/pgdata}, unless {@code homefleet.embedded-postgres.data-dir} says otherwise. */
    static Path embeddedDataDir() {
        String value = System.getProperty("homefleet.provisioning.data-dir");
        if (value == null) {
            value = System.getenv("HOMEFLEET_PROVISIONING_DATA_DIR");
        }
        return Path.of(value == null || value.isBlank() ? "data" : value).resolve("pgdata");
    }
}
