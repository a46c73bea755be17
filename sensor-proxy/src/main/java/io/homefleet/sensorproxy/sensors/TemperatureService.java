package io.homefleet.sensorproxy.sensors;

import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.contract.v1.TemperatureSweep;
import io.homefleet.common.json.Json;
import io.homefleet.common.sensors.SensorsReading;
import io.homefleet.sensorproxy.metrics.ProxyMetrics;
import io.homefleet.sensorproxy.socket.RpcException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Temperatures by node, with a short cache and one read in flight per node: any number of callers asking
 * for the same node within the TTL cost one round trip. A sweep reads every node in parallel.
 */
public final class TemperatureService {
    private final NodeAccess access;
    private final NodeReader local;
    private final NodeReader remote;
    private final Duration ttl;
    private final Duration deadline;
    private final ProxyMetrics metrics;
    private final ExecutorService pool;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Cached>> inFlight = new ConcurrentHashMap<>();
    private volatile Instant lastSuccess;

    public TemperatureService(NodeAccess access, NodeReader local, NodeReader remote, Duration ttl, Duration deadline,
                              ProxyMetrics metrics, ExecutorService pool) {
        this.access = access;
        this.local = local;
        this.remote = remote;
        this.ttl = ttl;
        this.deadline = deadline;
        this.metrics = metrics;
        this.pool = pool;
    }

    public NodeAccess access() {
        return access;
    }

    /** One node's snapshot; validates the name and the allow-list first. */
    /**
     * The same as {@link #get}, already as JSON: a cached reading is serialized once, not once per caller, which
     * keeps the socket's hot path free of per-request tree building.
     */
    public String getJson(String node) throws RpcException {
        access.check(node);
        Cached c = lookup(node);
        if (c.snapshot == null) {
            throw new RpcException("unavailable", "cannot read node '" + node + "': " + c.error);
        }
        return c.json();
    }

    public TemperatureSnapshot get(String node) throws RpcException {
        access.check(node);
        Cached c = lookup(node);
        if (c.snapshot == null) {
            throw new RpcException("unavailable", "cannot read node '" + node + "': " + c.error);
        }
        return c.snapshot;
    }

    /** Every node: this host and each allowed node that can be addressed, read in parallel. */
    public TemperatureSweep getAll() {
        LinkedHashSet<String> nodes = new LinkedHashSet<>();
        nodes.add(access.localNode());
        for (String n : access.allowed().sweepTargets()) {
            if (!access.isLocal(n)) {
                nodes.add(n);
            }
        }
        Map<String, CompletableFuture<Cached>> futures = new java.util.LinkedHashMap<>();
        for (String n : nodes) {
            futures.put(n, lookupAsync(n));
        }
        List<TemperatureSnapshot> ok = new ArrayList<>();
        List<TemperatureSweep.NodeError> errors = new ArrayList<>();
        futures.forEach((n, f) -> {
            Cached c = await(n, f);
            if (c.snapshot != null) {
                ok.add(c.snapshot);
            } else {
                errors.add(new TemperatureSweep.NodeError(n, c.error));
            }
        });
        return new TemperatureSweep(ok, errors);
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public int nodeCount() {
        return 1 + (int) access.allowed().sweepTargets().stream().filter(n -> !access.isLocal(n)).count();
    }

    private Cached lookup(String node) {
        return await(node, lookupAsync(node));
    }

    private CompletableFuture<Cached> lookupAsync(String node) {
        String key = access.isLocal(node) ? access.localNode() : node.toLowerCase(java.util.Locale.ROOT);
        Cached c = cache.get(key);
        if (c != null && System.nanoTime() - c.at < ttl.toNanos()) {
            metrics.cache(true);
            return CompletableFuture.completedFuture(c);
        }
        metrics.cache(false);
        return inFlight.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> readNow(k), pool)
                .whenComplete((result, error) -> {
                    if (result != null) {
                        cache.put(k, result);
                    }
                    inFlight.remove(k);
                }));
    }

    private Cached readNow(String node) {
        NodeReader reader = access.isLocal(node) ? local : remote;
        try {
            SensorsReading reading = reader.read(node);
            lastSuccess = Instant.now();
            return new Cached(reading.snapshot(), null, System.nanoTime());
        } catch (NodeReader.ReadFailure e) {
            return new Cached(null, e.getMessage(), System.nanoTime());
        } catch (RuntimeException e) {
            return new Cached(null, "internal error: " + e.getClass().getSimpleName(), System.nanoTime());
        }
    }

    private Cached await(String node, CompletableFuture<Cached> f) {
        try {
            return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Cached(null, "no answer within " + deadline.toMillis() + " ms", System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Cached(null, "interrupted", System.nanoTime());
        } catch (ExecutionException e) {
            return new Cached(null, String.valueOf(e.getCause().getMessage()), System.nanoTime());
        }
    }

    /** A reading (or why there is none) and when it was taken; its JSON is rendered once, on first use. */
    private static final class Cached {
        final TemperatureSnapshot snapshot;
        final String error;
        final long at;
        private volatile String json;

        Cached(TemperatureSnapshot snapshot, String error, long at) {
            this.snapshot = snapshot;
            this.error = error;
            this.at = at;
        }

        String json() {
            String j = json;
            if (j == null) {
                try {
                    j = Json.mapper().writeValueAsString(snapshot);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("a snapshot always serializes", e);
                }
                json = j;
            }
            return j;
        }
    }
}
