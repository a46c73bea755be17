package io.homefleet.hub.host;

import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.contract.v1.Ids;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.service.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Host reports from agents: {@code POST /api/v1/hosts/{host_id}/report} with that host's key only. */
@Path("/api/v1/hosts/{host_id}/report")
@Tag(name = "ingest")
public class HostReportResource {

    @Inject
    CurrentCaller caller;

    @Inject
    HostReportRepository reports;

    @POST
    @RolesAllowed(Roles.HOST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a host report; a re-sent report_id is stored once")
    public Response post(
            @PathParam("host_id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String hostId,
            @NotNull(message = "a JSON body is required") @Valid HostReport body) {
        caller.requireHost(hostId);
        if (!body.hostId().equals(hostId)) {
            throw ProblemException.badRequest("host_id '" + body.hostId() + "' in the body differs from '" + hostId
                    + "' in the path");
        }
        boolean stored = reports.ingest(body, Instant.now());
        return Response.accepted(Map.of("report_id", body.reportId(), "stored", stored)).build();
    }
}
