package io.homefleet.controller.api;

import io.homefleet.controller.runtime.ControllerRuntime;
import io.homefleet.controller.status.ControllerState;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hub link in {@code /q/health/ready}: last successful report, spool depth, last hub error. DOWN only when the
 * hub refuses the customer key (a person must act; the hub's words say why); an unreachable hub keeps the controller
 * ready, since it spools and its page still serves.
 */
@Readiness
public class HubLinkHealthCheck implements HealthCheck {
    @Inject
    ControllerRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        ControllerState.HubLink link = runtime.hubLink();
        boolean refused = runtime.hub().map(h -> h.authRefused()).orElse(false);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("hub-link")
                .status(!refused)
                .withData("configured", runtime.configured())
                .withData("spool_depth", link.spoolDepth())
                .withData("agent_link", runtime.agentLink().state());
        if (link.hubUrl() != null) {
            response.withData("hub_url", link.hubUrl());
        }
        if (link.lastSuccessfulReport() != null) {
            response.withData("last_successful_report", link.lastSuccessfulReport().toString());
        }
        if (link.lastHubError() != null) {
            response.withData("last_hub_error", link.lastHubError());
        }
        runtime.hub().map(h -> h.spool().dropSummary()).ifPresent(d -> response.withData("spool_dropped", d));
        return response.build();
    }
}
