package io.homefleet.agent.hub;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hub link in health: DOWN only when the hub refuses this host's key (a person must act, and the hub's own
 * message says why); a hub that is merely unreachable keeps the agent ready, since its local API still serves.
 */
@Readiness
public class HubReportHealthCheck implements HealthCheck {
    @Inject
    HostReportLoop loop;

    @Override
    public HealthCheckResponse call() {
        HostReportLoop.ReportState state = loop.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("hub-report")
                .status(!"rejected".equals(state.status()))
                .withData("status", state.status())
                .withData("consecutive_failures", state.failures());
        if (state.lastSuccess() != null) {
            response.withData("last_success", state.lastSuccess().toString());
        }
        if (state.hubMessage() != null) {
            response.withData("hub_message", state.hubMessage());
        }
        return response.build();
    }
}
