package io.homefleet.hub.monitor;

import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the scheduled jobs on demand, e.g. after a maintenance window or to check a threshold change. */
@Path("/api/v1/monitor")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitor", description = "Operator API: the dead man's switch and retention, now")
public class MonitorResource {

    @Inject
    DeadMansSwitch deadMansSwitch;

    @Inject
    RetentionPruner pruner;

    @POST
    @Path("/sweep")
    @Operation(summary = "Run the dead man's switch now; answers the events it raised")
    public Map<String, Object> sweep() {
        long start = System.nanoTime();
        var raised = deadMansSwitch.sweep(Instant.now());
        return Map.of("raised", raised.size(), "events", raised, "took_ms", (System.nanoTime() - start) / 1e6);
    }

    @POST
    @Path("/prune")
    @Operation(summary = "Apply the retention now; answers how many rows it removed")
    public Map<String, Object> prune() {
        long start = System.nanoTime();
        RetentionPruner.Pruned pruned = pruner.prune(Instant.now());
        return Map.of("reports", pruned.reports(), "host_reports", pruned.hostReports(), "events", pruned.events(),
                "took_ms", (System.nanoTime() - start) / 1e6);
    }
}
