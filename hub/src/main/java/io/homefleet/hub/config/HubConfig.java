package io.homefleet.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every hub setting, typed; property names are {@code homefleet.hub.*} (env {@code HOMEFLEET_HUB_*}). */
@ConfigMapping(prefix = "homefleet.hub")
public interface HubConfig {

    /** Where the embedded PostgreSQL keeps its data and where a generated operator token is written. */
    @WithDefault("data")
    String dataDir();

    Operator operator();

    /**
     * The key (32 bytes, base64) that encrypts the secrets the hub keeps in PostgreSQL (customers' infrastructure
     * settings and session secrets), e.g. from a Kubernetes Secret shared by replicas. When absent, the first start
     * generates one into {@code <data-dir>/secrets.key} (mode 0600).
     */
    Optional<String> secretsKey();

    Auth auth();

    Status status();

    Sweep sweep();

    Retention retention();

    TemperatureProxy temperatureProxy();

    Ingest ingest();

    interface Operator {
        /**
         * The operator API token ({@code hfo_...}), e.g. from a Kubernetes Secret. When absent, the first start
         * generates one into {@code <data-dir>/operator-token} (mode 0600).
         */
        Optional<String> token();
    }

    interface Auth {
        /**
         * How long a replica remembers that a token is valid while it hears PostgreSQL's credential change
         * notifications (a revocation, rotation or deletion anywhere reaches it in milliseconds). Should it stop
         * hearing them, it trusts what it remembers for at most 2 s, as it does unknown and revoked tokens.
         */
        @WithDefault("5m")
        Duration tokenCacheTtl();
    }

    /** The thresholds of the customer status (OK below stale-after, WARN up to down-after, DOWN beyond). */
    interface Status {
        @WithDefault("30m")
        Duration staleAfter();

        @WithDefault("60m")
        Duration downAfter();
    }

    interface Sweep {
        /** How often the dead man's switch runs; "off" disables it (a Quarkus scheduler expression). */
        @WithDefault("60s")
        String every();
    }

    interface Retention {
        @WithDefault("90")
        int maxDays();

        /** Quartz-style cron for the daily prune; "off" disables it. */
        @WithDefault("0 30 4 * * ?")
        String pruneCron();

        @WithDefault("Europe/Budapest")
        String timeZone();

        /** Rows deleted per transaction, so ingest is never blocked behind one long delete. */
        @WithDefault("5000")
        int batchSize();
    }

    /** The sensor proxies' control plane: how often they pull their authorized nodes, and how often they may. */
    interface TemperatureProxy {
        /** Sent to every proxy as {@code refresh_interval} (whole seconds, at least 1). */
        @WithDefault("60s")
        Duration refreshInterval();

        /** Pulls per proxy per minute on one replica; more are answered 429 with Retry-After. */
        @WithDefault("12")
        int rateLimitPerMinute();

        /**
         * How often pulls that got the hash the proxy already had are written, all in one statement. A pull of a
         * new hash is written at once; an operator reading hosts on a replica first gets its pending pulls written.
         */
        @WithDefault("5s")
        Duration pullFlushInterval();

        /**
         * The longest a replica answers polls from list hashes kept in memory after a list changed, should it stop
         * hearing PostgreSQL's change notifications; while it hears them a change reaches the next poll at once.
         * 0 keeps no hashes in memory (every poll reads its list's hash from PostgreSQL).
         */
        @WithDefault("2s")
        Duration listStalenessBound();
    }

    /** What reports, host reports and events may carry, and how many uploads may be in flight at once. */
    interface Ingest {
        /** How far ahead of the hub's clock a sent_at may be; later ones are refused with 400. */
        @WithDefault("24h")
        Duration maxClockSkew();

        /** Request bodies being received at once with one credential; more are answered 429 with Retry-After. */
        @WithDefault("8")
        int maxUploadsPerKey();

        /** Request bodies being received at once in total on this replica; more are answered 429. */
        @WithDefault("512")
        int maxUploads();

        /** The longest a request body may take to arrive; a slower one is answered 408 and its connection closed. */
        @WithDefault("30s")
        Duration uploadTimeout();

        /** Sent as Retry-After with a 429 for too many uploads in flight. */
        @WithDefault("5s")
        Duration uploadRetryAfter();
    }
}
