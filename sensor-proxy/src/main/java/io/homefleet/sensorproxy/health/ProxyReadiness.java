package io.homefleet.sensorproxy.health;

import io.homefleet.common.contract.v1.SensorProxyStatus;
import io.homefleet.sensorproxy.daemon.Daemon;
import io.homefleet.sensorproxy.daemon.RunningProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the socket (and HTTPS, when enabled) is serving; says which node and when a node last answered. */
@Readiness
@ApplicationScoped
public class ProxyReadiness implements HealthCheck {
    @Inject
    Daemon daemon;

    @Override
    public HealthCheckResponse call() {
        RunningProxy running = daemon.running();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sensor-proxy");
        if (running == null) {
            return b.down().withData("reason", "not started").build();
        }
        Instant last = running.temperatures().lastSuccess();
        SensorProxyStatus.Allowlist allowlist = running.status().allowlist();
        b.up().withData("node", running.node()).withData("nodes", running.temperatures().nodeCount())
                .withData("last_sync", last == null ? "never" : last.toString())
                .withData("allowlist_source", allowlist.source())
                .withData("allowlist_nodes", allowlist.nodeCount());
        if (allowlist.syncEnabled()) {
            // Still ready when the hub is unreachable: the last list keeps serving; these fields say how stale it is.
            b.withData("control_plane", allowlist.controlPlaneUrl())
                    .withData("allowlist_hash", allowlist.hash() == null ? "none" : allowlist.hash())
                    .withData("allowlist_last_successful_sync", text(allowlist.lastSuccessfulSync()))
                    .withData("allowlist_last_error", allowlist.lastError() == null ? "none" : allowlist.lastError())
                    .withData("allowlist_consecutive_failures", allowlist.consecutiveFailures());
        }
        return b.build();
    }

    private static String text(Instant t) {
        return t == null ? "never" : t.toString();
    }
}
