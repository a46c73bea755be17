package io.homefleet.hub.customerconfig;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The controller.yaml a managed customer should run, as values; the desired-state feature reads it.
 * Implemented by the customer-config feature. After every committed change the implementation sends
 * {@code pg_notify(CHANGED_CHANNEL, customerId)} (payload {@code *} when a template change touches all), so
 * every hub replica can drop what it cached.
 */
public interface GeneratedConfigs {

    String CHANGED_CHANNEL = "customer_config_changed";

    /** Empty for a report-only customer (one without a config). */
    Optional<GeneratedConfig> current(String customerId);

    /**
     * @param revision    grows with every change of this customer's config or of the template it uses
     * @param values      controller.yaml as nested maps, lists and scalars; secrets in clear
     * @param secretPaths dotted paths (for example {@code hub.customer_key}) whose values are secrets: never shown,
     *                    compared by digest
     */
    record GeneratedConfig(long revision, Map<String, Object> values, Set<String> secretPaths) {
    }
}
