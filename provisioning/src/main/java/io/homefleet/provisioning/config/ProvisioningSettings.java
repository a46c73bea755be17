package io.homefleet.provisioning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's own settings ({@code homefleet.provisioning.*}, env {@code HOMEFLEET_PROVISIONING_*}). What an
 * operator edits about the LAN, the cluster and the hub lives in provisioning.yaml ({@link ProvisioningFile}).
 */
@ConfigMapping(prefix = "homefleet.provisioning")
public interface ProvisioningSettings {

    /** Where the embedded PostgreSQL, the operator token and the key that encrypts private keys at rest live. */
    @WithDefault("data")
    String dataDir();

    /** provisioning.yaml; {@code --config FILE} sets it. */
    @WithDefault("provisioning.yaml")
    String configFile();

    /** How often provisioning.yaml and server-types.yaml are checked for changes. */
    @WithDefault("2s")
    Duration configReloadInterval();

    Operator operator();

    Lifecycle lifecycle();

    interface Operator {
        /** The operator API token ({@code hfo_...}); when absent, the first start writes one to {@code <data-dir>/operator-token}. */
        Optional<String> token();
    }

    interface Lifecycle {
        /** How often hosts are checked for timeouts and for join work to pick up. */
        @WithDefault("1s")
        Duration tick();

        /**
         * How long a replica holds a host it is joining before another replica (or this one after a restart) may
         * take it over; renewed at every step.
         */
        @WithDefault("2m")
        Duration lease();

        /** Joins running at once on this replica. */
        @WithDefault("64")
        int workers();
    }
}
