package io.homefleet.provisioning.dashboard;

import io.homefleet.common.file.AtomicFiles;
import io.homefleet.provisioning.config.ProvisioningSettings;
import io.homefleet.service.web.Account;
import io.homefleet.service.web.AccountStore;
import io.homefleet.service.web.PasswordChange;
import io.homefleet.service.web.PasswordHasher;
import io.homefleet.service.web.WebConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The dashboard's one operator account, for the shared browser sign-in: its name and bcrypt hash from
 * {@link DashboardConfig}, or a password made at first start (like the operator token: written once, 0600, to the
 * data directory, and where it is logged). Unless the hash comes from the configuration, the account changes its own
 * password on the dashboard ({@link #changePassword}); the new hash replaces the one in the data directory and the
 * first-start password file goes.
 */
@Startup
@ApplicationScoped
public class DashboardAccounts implements AccountStore {
    /** The role a dashboard session holds (an account role, apart from the token kinds). */
    public static final String ROLE = "provisioning-operator";
    static final String PASSWORD_FILE = "dashboard-password";
    static final String HASH_FILE = "dashboard-password.bcrypt";
    private static final Logger LOG = Logger.getLogger(DashboardAccounts.class);

    @Inject
    DashboardConfig config;

    @Inject
    ProvisioningSettings settings;

    @Inject
    WebConfig web;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8090")
    int port;

    private volatile Account account;

    @PostConstruct
    void load() {
        account = new Account(config.accountName(), passwordHash(), Set.of(ROLE), false);
    }

    /**
     * Changes the account's password after the shared rules ({@link PasswordChange}); answers why it cannot (a
     * sentence for the form) or null once the new hash is stored. Every session of the account ends with it (their
     * password stamp no longer matches).
     */
    public synchronized String changePassword(String name, String current, String fresh, String repeat) {
        Account now = account;
        if (!now.name().equals(name)) {
            return "No account '" + name + "'.";
        }
        if (config.passwordHash().isPresent()) {
            return "This account's password is set in the configuration (homefleet.provisioning.dashboard.password-hash);"
                    + " change it there.";
        }
        String problem = PasswordChange.problemWith(now.passwordHash(), current, fresh, repeat);
        if (problem != null) {
            return problem;
        }
        String hash = PasswordHasher.hash(fresh, web.bcryptCost());
        Path dataDir = Path.of(settings.dataDir()).toAbsolutePath();
        try {
            AtomicFiles.writeSecret(dataDir.resolve(HASH_FILE), (hash + "\n").getBytes(StandardCharsets.UTF_8));
            Files.deleteIfExists(dataDir.resolve(PASSWORD_FILE)); // the first-start password no longer works
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard password hash in " + dataDir, e);
        }
        account = new Account(now.name(), hash, now.roles(), false);
        LOG.infof("Dashboard account '%s' changed its password", name);
        return null;
    }

    @Override
    public Optional<Account> find(String name) {
        Account only = account;
        return only.name().equals(name) ? Optional.of(only) : Optional.empty();
    }

    private String passwordHash() {
        if (config.passwordHash().isPresent()) {
            String hash = config.passwordHash().get().strip();
            if (!hash.matches("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$")) {
                throw new IllegalStateException("homefleet.provisioning.dashboard.password-hash is not a bcrypt hash "
                        + "($2a$, $2b$ or $2y$, cost, 53 characters)");
            }
            return hash;
        }
        Path dataDir = Path.of(settings.dataDir()).toAbsolutePath();
        Path hashFile = dataDir.resolve(HASH_FILE);
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(hashFile)) {
                return Files.readString(hashFile, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String hash = PasswordHasher.hash(password, web.bcryptCost());
            Files.createDirectories(dataDir);
            AtomicFiles.writeSecret(passwordFile, (password + "\n").getBytes(StandardCharsets.UTF_8));
            AtomicFiles.writeSecret(hashFile, (hash + "\n").getBytes(StandardCharsets.UTF_8));
            LOG.infof("Dashboard account '%s' created; its password is in %s (mode 0600). Sign in at "
                    + "http://localhost:%d/ and delete that file once you have it.", config.accountName(),
                    passwordFile, port);
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the dashboard password files in " + dataDir, e);
        }
    }
}
