package io.homefleet.hub.tempproxy;

import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.db.PgNotifications;
import io.homefleet.hub.tempproxy.NodeListRepository.ListState;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of each proxy's list (scope, hash, updated_at) kept in memory, so a poll whose list did not change
 * needs no database statement.
 *
 * <p>Every replica listens on PostgreSQL channel {@code temperature_proxy_lists} (through the replica's one
 * listening connection, {@link PgNotifications}), on which a trigger on hosts names each scope whose list may have
 * changed (V3__temperature_proxy_notify.sql); the entries of that scope are dropped when the notification arrives,
 * milliseconds after the change commits. Memory is used only while everything committed up to
 * {@code list-staleness-bound} ago has been applied: if the connection fails or stalls, polls read the hash from
 * PostgreSQL after at most the bound, and the memory is emptied before it is used again.
 */
@ApplicationScoped
public class ListHashes {
    static final String CHANNEL = "temperature_proxy_lists";
    static final String APPLICATION_NAME = PgNotifications.APPLICATION_NAME;
    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, ListState> byHost = new ConcurrentHashMap<>();
    /** Moves on every notification and every reset; a load that saw it move keeps nothing. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean enabled;
    private Duration bound;

    @Inject
    NodeListRepository nodeLists;

    @Inject
    PgNotifications notifications;

    @Inject
    HubConfig config;

    void start(@Observes StartupEvent event) {
        bound = config.temperatureProxy().listStalenessBound();
        if (bound.isNegative() || bound.isZero()) {
            return;
        }
        notifications.subscribe(CHANNEL, bound, new PgNotifications.Handler() {
            @Override
            public void notified(String scope) {
                epoch.incrementAndGet();
                byHost.values().removeIf(state -> state.scope().equals(scope));
            }

            @Override
            public void reset() {
                forget();
            }
        });
        enabled = true;
    }

    void stop(@Observes ShutdownEvent event) {
        enabled = false;
        forget();
    }

    /** The host's proxy's list now; empty when the host or its proxy registration is gone (never kept). */
    public Optional<ListState> current(String hostId) {
        if (usable()) {
            ListState kept = byHost.get(hostId);
            if (kept != null) {
                return Optional.of(kept);
            }
        }
        return load(hostId);
    }

    /** As {@link #current}, always from the database (for a list read that disagrees with the kept hash). */
    public Optional<ListState> reload(String hostId) {
        return load(hostId);
    }

    /**
     * For tests: the replica's listener stops reading and heartbeating (true), as on a silently broken
     * connection. It is shared, so every subscriber (e.g. the token cache) is affected too.
     */
    void silence(boolean silent) {
        notifications.silence(silent);
    }

    /** True while memory may answer: listening, and everything committed up to the bound ago applied. */
    boolean usable() {
        return enabled && notifications.usable(bound);
    }

    private Optional<ListState> load(String hostId) {
        long seen = epoch.get();
        Optional<ListState> state = nodeLists.current(hostId);
        if (state.isPresent() && enabled && notifications.listening()) {
            if (byHost.size() >= MAX_ENTRIES) {
                byHost.clear();
            }
            byHost.put(hostId, state.get());
            // A notification that arrived during the read may concern what was read: keep nothing then.
            if (epoch.get() != seen) {
                byHost.remove(hostId, state.get());
            }
        }
        return state;
    }

    private void forget() {
        epoch.incrementAndGet();
        byHost.clear();
    }
}
