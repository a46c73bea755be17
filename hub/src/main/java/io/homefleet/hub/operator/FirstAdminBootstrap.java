package io.homefleet.hub.operator;

import io.agroal.api.AgroalDataSource;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.db.Sql;
import io.homefleet.service.web.PasswordHasher;
import io.homefleet.service.web.WebConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * First start: with no operator at all, creates the admin {@value #ADMIN} with a random one-time password, writes it
 * 0600 to {@code <data-dir>/}{@value #PASSWORD_FILE} beside the operator token and logs once where it is (never
 * the password itself: {@code make run} prints the file). The admin must choose its own password at first sign-in,
 * which also deletes the file. Replicas starting together race on one conditional insert:
 * only the one that inserted writes and prints.
 */
@ApplicationScoped
public class FirstAdminBootstrap {
    private static final Logger LOG = Logger.getLogger(FirstAdminBootstrap.class);
    public static final String ADMIN = "admin";
    public static final String PASSWORD_FILE = "dashboard-admin-initial-password";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    @Inject
    WebConfig web;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        String password = oneTimePassword();
        try (Connection con = dataSource.getConnection()) {
            if (!OperatorSql.insertFirst(con, ADMIN, PasswordHasher.hash(password, web.bcryptCost()),
                    OperatorRole.ADMIN)) {
                return;
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
        Path file = Path.of(config.dataDir()).toAbsolutePath().resolve(PASSWORD_FILE);
        try {
            AtomicFiles.writeSecret(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin's one-time password to " + file, e);
        }
        // The secret itself stays out of the log (logs are shipped and kept); make run prints the file once.
        LOG.infof("Dashboard: sign in at http://localhost:%d/sign-in as '%s' with the one-time password in %s "
                + "(mode 0600); you choose your own password at first sign-in", port, ADMIN, file);
    }

    static String oneTimePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
