package io.homefleet.sensorproxy.controlplane;

import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.SensorProxyStatus;
import io.homefleet.service.audit.AuditLog;
import io.homefleet.service.audit.Durability;
import io.homefleet.sensorproxy.config.AllowedNodes;
import io.homefleet.sensorproxy.config.AllowedNodesFile;
import io.homefleet.sensorproxy.config.AllowedNodesSource;
import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.ControlPlaneSnapshot;
import io.homefleet.sensorproxy.config.ControlPlaneUrl;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.ProxyConfig;
import io.homefleet.sensorproxy.config.SecretFiles;
import io.homefleet.sensorproxy.metrics.ProxyMetrics;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.retry.Backoff;
import io.homefleet.service.tls.TrustOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the allow-list equal to the hub's list for this proxy. It starts from the list cached in allowed_nodes.yaml,
 * then pulls {@code authorized-nodes} with {@code If-None-Match}; a new list is checked (whole, non-empty, hash
 * matching), swapped in at once and cached to the file. It then waits the hub's {@code refresh_interval}. A failed
 * pull keeps the list in force and retries after an exponential backoff with jitter, capped at that interval
 * (or later when the hub says Retry-After). There is no path back to "allow any node": without a list from the hub
 * or its cache, remote nodes are refused.
 */
public final class AllowlistSync implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AllowlistSync.class);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofHours(1);

    private final HubApi hub;
    private final Path tokenFile;
    private final AllowedNodesFile cache;
    private final AllowedNodesSource allowList;
    private final ProxyMetrics metrics;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration retryInitial;
    private final ScheduledExecutorService executor;
    private volatile State state;
    /** The next scheduled pull; touched on the sync's thread only. */
    private ScheduledFuture<?> scheduled;

    /** What the sync knows; replaced whole, so a reader never sees half of an update. */
    private record State(String source, String hash, Instant updatedAt, Instant lastSuccess,
                         Instant lastAttempt, String lastError, int failures, Instant nextSync, Duration interval) {
    }

    private AllowlistSync(HubApi hub, Path tokenFile, AllowedNodesFile cache, AllowedNodesSource allowList,
                          State initial, Duration retryInitial, ProxyMetrics metrics, AuditLog audit, Clock clock) {
        this.hub = hub;
        this.tokenFile = tokenFile;
        this.cache = cache;
        this.allowList = allowList;
        this.state = initial;
        this.retryInitial = retryInitial;
        this.metrics = metrics;
        this.audit = audit;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "allowlist-sync");
            t.setDaemon(true);
            return t;
        });
        metrics.allowlistGauges(() -> allowList.get().entries().size(),
                () -> state.lastSuccess == null ? Double.NaN : state.lastSuccess.toEpochMilli() / 1000.0,
                () -> state.failures);
    }

    /**
     * Sets up the sync for a configuration with {@code control_plane.url} (and without {@code legacy_allowlist}):
     * the allow-list starts as the hub's list cached in allowed_nodes.yaml, else that file's plain entries.
     */
    public static AllowlistSync create(LoadedConfig loaded, ProxyMetrics metrics, AuditLog audit) throws IOException {
        ProxyConfig.ControlPlane cp = loaded.config().controlPlane();
        HubApi hub;
        try {
            hub = HubHttpClient.create(ControlPlaneUrl.connection(ControlPlaneUrl.parse(cp.url(), cp.allowPlainHttp()),
                    TrustOptions.fromSettings(cp.caFile(), cp.pinnedFingerprint(), cp.insecureSkipVerify()), cp.timeout()));
        } catch (IllegalArgumentException e) {
            throw new IOException("control_plane: " + e.getMessage(), e);
        }
        if (cp.insecureSkipVerify()) {
            LOG.warnf("control_plane.insecure_skip_verify is on: any certificate is accepted for %s", cp.url());
        }
        if (!loaded.config().allowedNodes().isEmpty()) {
            LOG.warnf("allowed_nodes from the configuration (%s) are ignored: the hub decides the list",
                    loaded.config().allowedNodes());
        }
        AllowedNodesFile file = loaded.allowedNodesFile();
        Optional<ControlPlaneSnapshot> snapshot = Optional.empty();
        try {
            snapshot = file.readSnapshot();
        } catch (ConfigException e) {
            LOG.warnf("the hub's cached list is unusable, starting from the file's plain entries: %s",
                    String.join("; ", e.problems()));
        }
        AllowedNodes initial = null;
        if (snapshot.isPresent()) {
            try {
                initial = AllowedNodes.fromAuthorized(snapshot.get().nodes());
            } catch (IllegalArgumentException e) {
                LOG.warnf("the hub's cached list is unusable, starting from the file's plain entries: %s", e.getMessage());
                snapshot = Optional.empty();
            }
        }
        if (initial == null) {
            initial = new AllowedNodes(loaded.fileNodes());
        }
        State state = new State("file", snapshot.map(ControlPlaneSnapshot::hash).orElse(null),
                snapshot.map(ControlPlaneSnapshot::updatedAt).orElse(null), null, null, null, 0, null, cp.refreshInterval());
        LOG.infof("allow-list from %s: %d entries%s; syncing with %s", file.path(), initial.entries().size(),
                snapshot.map(s -> ", hub hash " + s.hash()).orElse(" (no list from the hub cached yet)"), hub.baseUrl());
        return new AllowlistSync(hub, Path.of(cp.tokenFile()), file, AllowedNodesSource.managed(initial), state,
                cp.retryInitial(), metrics, audit, Clock.systemUTC());
    }

    /** The allow-list this sync keeps current; what node checks read. */
    public AllowedNodesSource allowList() {
        return allowList;
    }

    /** First pull now, then on its own schedule. */
    public void start() {
        executor.execute(this::cycle);
    }

    /**
     * Pulls now instead of at the scheduled time, on the sync's own thread (so never beside a scheduled pull); the
     * schedule then continues from this pull's outcome.
     */
    public void syncNow() throws InterruptedException {
        try {
            executor.submit(() -> {
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
                cycle();
            }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs on the sync's thread only. */
    private void cycle() {
        Duration next;
        try {
            next = attempt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "allow-list sync failed unexpectedly");
            next = state.interval;
        }
        if (!executor.isShutdown()) {
            scheduled = executor.schedule(this::cycle, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One pull; answers how long to wait before the next. */
    private Duration attempt() {
        State before = state;
        Instant now = clock.instant();
        try {
            String token = readToken();
            Optional<AuthorizedNodes> fetched = AuthorizedNodesCheck.checked(
                    hub.authorizedNodes(Credential.proxyToken(token), before.hash));
            if (fetched.isEmpty()) {
                metrics.allowlistSync("not_modified");
                succeeded(before, now, before.hash, before.updatedAt, before.interval);
            } else {
                AuthorizedNodes list = fetched.get();
                Duration interval = clamp(Duration.ofSeconds(list.refreshInterval()), before.interval);
                AllowedNodes nodes = AllowedNodes.fromAuthorized(list.nodes());
                boolean changed = !list.hash().equals(before.hash) || !"control_plane".equals(before.source);
                allowList.replace(nodes);
                metrics.allowlistSync(list.hash().equals(before.hash) ? "unchanged" : "updated");
                succeeded(before, now, list.hash(), list.updatedAt(), interval);
                if (!list.hash().equals(before.hash)) {
                    LOG.infof("allow-list from the hub: %d node(s), %s (was %s)", nodes.sweepTargets().size(), list.hash(),
                            before.hash == null ? "no hub list" : before.hash);
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("hash", list.hash());
                    fields.put("previous_hash", before.hash == null ? "" : before.hash);
                    fields.put("nodes", nodes.sweepTargets());
                    fields.put("hub", hub.baseUrl().toString());
                    audit.record("allowlist_changed", fields, Durability.FORCED);
                }
                if (changed) {
                    persist(list, now);
                }
            }
            return state.interval;
        } catch (HubException e) {
            metrics.allowlistSync(e.kind().label);
            return failed(before, now, e);
        }
    }

    private String readToken() throws HubException {
        try {
            return SecretFiles.read(tokenFile);
        } catch (IOException e) {
            throw new HubException(HubException.Kind.NO_CREDENTIAL, "cannot read the control token: " + e.getMessage()
                    + " (run `sensor-proxy register`)");
        }
    }

    private void succeeded(State before, Instant now, String hash, Instant updatedAt, Duration interval) {
        if (before.failures > 0) {
            LOG.infof("control plane %s answered again after %d failed pulls", hub.baseUrl(), before.failures);
        }
        state = new State("control_plane", hash, updatedAt, now, now, null, 0, now.plus(interval), interval);
    }

    private Duration failed(State before, Instant now, HubException e) {
        int failures = before.failures + 1;
        String message = e.status() == 401
                ? e.getMessage() + " — the control token was refused; run `sensor-proxy register` again" : e.getMessage();
        Duration wait = retryPolicy(retryInitial, before.interval).delayAfter(failures, e.retryAfter());
        if (!message.equals(before.lastError)) {
            LOG.warnf("allow-list sync failed (%s); keeping the current list of %d entries, retrying in %d ms",
                    message, allowList.get().entries().size(), wait.toMillis());
        } else {
            LOG.debugf("allow-list sync failed again (%d in a row): %s", failures, message);
        }
        state = new State(before.source, before.hash, before.updatedAt, before.lastSuccess, now, message,
                failures, now.plus(wait), before.interval);
        return wait;
    }

    /**
     * retry_initial doubled per failure, capped at the refresh interval; the wait is between half and all of that
     * (equal jitter), and at least the hub's Retry-After.
     */
    static Backoff retryPolicy(Duration retryInitial, Duration interval) {
        Duration initial = retryInitial.compareTo(interval) > 0 ? interval : retryInitial;
        return Backoff.exponential(initial.isZero() || initial.isNegative() ? Duration.ofMillis(1) : initial,
                interval.isZero() || interval.isNegative() ? Duration.ofMillis(1) : interval);
    }

    static Duration backoff(Duration retryInitial, int failures, Duration interval) {
        return retryPolicy(retryInitial, interval).delayAfter(failures);
    }

    private static Duration clamp(Duration fromHub, Duration fallback) {
        if (fromHub.isZero() || fromHub.isNegative()) {
            return fallback;
        }
        return fromHub.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : fromHub.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : fromHub;
    }

    private void persist(AuthorizedNodes list, Instant now) {
        try {
            cache.writeSnapshot(ControlPlaneSnapshot.of(list, now, hub.baseUrl().toString()));
        } catch (IOException | RuntimeException e) {
            LOG.errorf("the hub's list is in force but could not be cached in %s: %s", cache.path(), e.getMessage());
        }
    }

    public SensorProxyStatus.Allowlist status() {
        State s = state;
        return new SensorProxyStatus.Allowlist(s.source, true, hub.baseUrl().toString(), s.hash,
                allowList.get().sweepTargets().size(), s.updatedAt, s.lastSuccess, s.lastAttempt, s.lastError, s.failures,
                s.nextSync);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
