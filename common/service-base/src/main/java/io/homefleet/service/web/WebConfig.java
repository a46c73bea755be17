package io.homefleet.service.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Browser sign-in settings ({@code homefleet.web.*}), the same keys in every service with a dashboard. Only
 * {@link #enabled()} must be set (at build time, with smallrye-jwt and smallrye-jwt-build in the service's pom);
 * everything else has a default.
 */
@ConfigMapping(prefix = "homefleet.web")
public interface WebConfig {
    /**
     * Build time: this service signs browsers in (a session cookie beside the bearer tokens). It must also supply
     * one {@link AccountStore} bean.
     */
    @WithDefault("false")
    boolean enabled();

    /** The service's sign-in page; a page request without a session is redirected here with {@code ?next=}. */
    @WithDefault("/sign-in")
    String signInPath();

    /** Where an account that must change its password is sent before any other page. */
    @WithDefault("/account/password")
    String changePasswordPath();

    /** Path prefixes that are API, never pages: they answer 401/403 problem+json, never a redirect. */
    @WithDefault("/api/,/q/")
    List<String> apiPaths();

    /** The session cookie's name. */
    @WithDefault("homefleet_session")
    String cookieName();

    /** How long a session lasts from sign-in (the cookie's Max-Age and the JWT's exp). */
    @WithDefault("7d")
    Duration sessionTtl();

    /**
     * The HMAC-SHA256 key that signs sessions, base64 of at least 32 bytes; takes precedence over
     * {@link #sessionKeyFile()}. Replicas of one service behind a load balancer share it (or share the file).
     */
    Optional<String> sessionKey();

    /**
     * A file holding the key (created 0600 with a random key at first start when missing); the service points it
     * into its data directory. Without it and without {@link #sessionKey()} each start makes a new key in memory,
     * which signs everyone out at every restart.
     */
    Optional<String> sessionKeyFile();

    /** The JWT issuer, so a session of one service is no session at another sharing its key. */
    @WithDefault("homefleet")
    String issuer();

    /** bcrypt cost (log2 rounds, 4..31) for new password hashes; existing hashes keep their own. */
    @WithDefault("12")
    int bcryptCost();

    /**
     * Failed sign-ins allowed per account from one address, per address, and per account from all addresses within a
     * window, then 429 until it passes.
     */
    Throttle throttle();

    interface Throttle {
        @WithDefault("15m")
        Duration window();

        /**
         * Failures per account name from one client address within the window: guessing from elsewhere does not lock
         * the account's owner out.
         */
        @WithDefault("5")
        int perAccount();

        /**
         * Failures per account name from all addresses together within the window: a ceiling, well above
         * {@link #perAccount()}, against guessing spread over many addresses.
         */
        @WithDefault("100")
        int perAccountAllAddresses();

        /** Failures per client address within the window (several accounts tried from one place). */
        @WithDefault("20")
        int perAddress();
    }
}
