package io.homefleet.hub.desired;

import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.hub.customerconfig.GeneratedConfigs;
import io.homefleet.hub.db.PgNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a replica keeps in memory so that a poll whose desired state did not change costs no database statement:
 * each customer's current ETag, and the catalog every customer receives.
 *
 * <p>Both are dropped when PostgreSQL says they may have changed: channel {@code desired_state_changed} (triggers on
 * the catalog, pins and update targets, V8_1) and {@link GeneratedConfigs#CHANGED_CHANNEL} (customer configs and
 * templates); payload a customer id, or {@code *} for all. Memory is used only while everything committed up to
 * {@code staleness-bound} ago has been applied ({@link PgNotifications#usable}); a load that saw a notification
 * arrive meanwhile keeps nothing.
 */
@ApplicationScoped
public class DesiredStateMemory {
    static final String CHANNEL = "desired_state_changed";
    private static final int MAX_ENTRIES = 200_000;

    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private volatile List<CatalogApp> catalog;
    private volatile boolean enabled;
    private Duration bound;

    @Inject
    PgNotifications notifications;

    @Inject
    DesiredStateSettings settings;

    void start(@Observes StartupEvent event) {
        bound = settings.stalenessBound();
        if (bound.isNegative() || bound.isZero()) {
            return;
        }
        PgNotifications.Handler handler = new PgNotifications.Handler() {
            @Override
            public void notified(String payload) {
                epoch.incrementAndGet();
                if ("*".equals(payload)) {
                    forget();
                } else {
                    etags.remove(payload);
                }
            }

            @Override
            public void reset() {
                forget();
            }
        };
        notifications.subscribe(CHANNEL, bound, handler);
        notifications.subscribe(GeneratedConfigs.CHANGED_CHANNEL, bound, handler);
        enabled = true;
    }

    void stop(@Observes ShutdownEvent event) {
        enabled = false;
        forget();
    }

    /** The customer's ETag as last served, if memory may answer. */
    public Optional<String> etag(String customerId) {
        return usable() ? Optional.ofNullable(etags.get(customerId)) : Optional.empty();
    }

    /** Where a caller reads an epoch before loading, to {@link #remember} only what no notification overtook. */
    public long epoch() {
        return epoch.get();
    }

    public void remember(String customerId, String etag, long seenEpoch) {
        if (!enabled || !notifications.listening()) {
            return;
        }
        if (etags.size() >= MAX_ENTRIES) {
            etags.clear();
        }
        etags.put(customerId, etag);
        if (epoch.get() != seenEpoch) {
            etags.remove(customerId, etag);
        }
    }

    /** The catalog every customer receives, from memory when it may answer, else from {@code load}. */
    public List<CatalogApp> catalog(Supplier<List<CatalogApp>> load) {
        List<CatalogApp> kept = catalog;
        if (kept != null && usable()) {
            return kept;
        }
        long seen = epoch.get();
        List<CatalogApp> loaded = load.get();
        if (enabled && notifications.listening() && epoch.get() == seen) {
            catalog = loaded;
        }
        return loaded;
    }

    private boolean usable() {
        return enabled && notifications.usable(bound);
    }

    private void forget() {
        epoch.incrementAndGet();
        etags.clear();
        catalog = null;
    }
}
