package io.homefleet.sensorproxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/** Every counter and timer the proxy exports, named once here so dashboards can rely on them. */
public final class ProxyMetrics {
    private static final String PREFIX = "homefleet_sensor_proxy_";
    private final MeterRegistry registry;

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(String method, String outcome, Duration took) {
        Counter.builder(PREFIX + "requests").tag("method", method).tag("outcome", outcome).register(registry).increment();
        // No client-side percentiles: they cost a lock and a histogram per call on the hot path; Prometheus has
        // count, sum and max, and rates of those are what dashboards chart.
        Timer.builder(PREFIX + "request_latency").tag("method", method).register(registry).record(took);
    }

    public void limiterRejection(String reason) {
        Counter.builder(PREFIX + "limiter_rejections").tag("reason", reason).register(registry).increment();
    }

    public void penalty() {
        registry.counter(PREFIX + "limiter_penalties").increment();
    }

    public void validationFailure(String what) {
        Counter.builder(PREFIX + "validation_failures").tag("what", what).register(registry).increment();
    }

    public void sshLatency(String node, Duration took, boolean ok) {
        Timer.builder(PREFIX + "ssh_latency").tag("node", node).tag("outcome", ok ? "ok" : "error")
                .register(registry).record(took);
    }

    public void hostKeyChanged(String node) {
        Counter.builder(PREFIX + "host_key_changes").tag("node", node).register(registry).increment();
    }

    public void oversizedOutput(String node) {
        Counter.builder(PREFIX + "oversized_outputs").tag("node", node).register(registry).increment();
    }

    /** One control-plane pull: updated, unchanged, not_modified (304), rejected, refused, rate_limited, unreachable, no_token. */
    public void allowlistSync(String result) {
        Counter.builder(PREFIX + "allowlist_sync_attempts").tag("result", result).register(registry).increment();
    }

    /** The allow-list's size, the last successful sync (Unix seconds; NaN before one) and failures in a row. */
    public void allowlistGauges(Supplier<Number> entries, Supplier<Number> lastSuccessSeconds, Supplier<Number> failures) {
        gauge("allowlist_entries", entries);
        gauge("allowlist_last_success_timestamp_seconds", lastSuccessSeconds);
        gauge("allowlist_sync_consecutive_failures", failures);
    }

    private void gauge(String name, Supplier<Number> value) {
        // A gauge is bound to its first supplier: a proxy started again in the same process replaces it.
        Gauge old = registry.find(PREFIX + name).gauge();
        if (old != null) {
            registry.remove(old);
        }
        Gauge.builder(PREFIX + name, value).strongReference(true).register(registry);
    }

    public void cache(boolean hit) {
        Counter.builder(PREFIX + "cache_lookups").tag("result", hit ? "hit" : "miss").register(registry).increment();
    }
}
