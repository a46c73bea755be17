package io.homefleet.sensorproxy.health;

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
        return b.up().withData("node", running.node()).withData("nodes", running.temperatures().nodeCount())
                .withData("last_sync", last == null ? "never" : last.toString()).build();
    }
}
