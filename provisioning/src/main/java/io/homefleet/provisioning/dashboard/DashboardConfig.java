package io.homefleet.provisioning.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The dashboard's sign-in account ({@code homefleet.provisioning.dashboard.*}). */
@ConfigMapping(prefix = "homefleet.provisioning.dashboard")
public interface DashboardConfig {

    /** The name to sign in with. */
    @WithDefault("operator")
    String accountName();

    /**
     * The account's bcrypt password hash ({@code $2a$}/{@code $2b$}/{@code $2y$}, e.g. from {@code htpasswd -nbBC 12
     * "" PASSWORD | cut -d: -f2}). Unset: the first start makes a random password, writes it to
     * {@code <data-dir>/dashboard-password} (0600) and keeps its hash in {@code <data-dir>/dashboard-password.bcrypt}.
     */
    Optional<String> passwordHash();
}
