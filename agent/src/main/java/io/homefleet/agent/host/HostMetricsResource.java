package io.homefleet.agent.host;

import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.common.contract.v1.HostMetrics;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/host/metrics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.GUEST, Roles.OPERATOR})
@Blocking
public class HostMetricsResource {
    @Inject
    HostMetricsService metrics;

    @GET
    @Operation(summary = "Memory, load, uptime, root disk, storages and temperatures of this host")
    public HostMetrics get() {
        return metrics.current();
    }
}
