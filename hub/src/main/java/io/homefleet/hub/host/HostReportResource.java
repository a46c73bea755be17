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
import io.homefleet.hub.ingest.SentAtBounds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Host reports from agents: {@code POST /api/v1/hosts/{host_id}/report} with that host's key only. */
@Path("/api/v1/hosts/{host_id}/report")
@Tag(name = "ingest")
public class HostReportResource {
    private static final Logger LOG = Logger.getLogger(HostReportResource.class);

    @Inject
    CurrentCaller caller;

    @Inject
    HostReportRepository reports;

    @Inject
    SentAtBounds sentAt;

    @POST
    @RolesAllowed(Roles.HOST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a host report; a re-sent report_id is stored once. The host's node and addresses "
            + "follow its newest report; its cluster is the operator's and a different one in the report is ignored "
            + "with a warning")
    public Response post(
            @PathParam("host_id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String hostId,
            @NotNull(message = "a JSON body is required") @Valid HostReport body) {
        caller.requireHost(hostId);
        if (!body.hostId().equals(hostId)) {
            throw ProblemException.badRequest("host_id '" + body.hostId() + "' in the body differs from '" + hostId
                    + "' in the path");
        }
        Instant receivedAt = Instant.now();
        sentAt.check("sent_at", body.sentAt(), receivedAt);
        HostReportRepository.Ingested ingested = reports.ingest(body, receivedAt);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("report_id", body.reportId());
        answer.put("stored", ingested.stored());
        if (ingested.stored() && body.cluster() != null && !body.cluster().equals(ingested.hostCluster())) {
            String warning = "cluster '" + body.cluster() + "' in the report was ignored: the host is in "
                    + (ingested.hostCluster() == null ? "no cluster" : "cluster '" + ingested.hostCluster() + "'")
                    + ", which only the operator changes (PUT /api/v1/hosts/" + hostId + ")";
            LOG.warnf("Host report from %s: %s", hostId, warning);
            answer.put("warnings", List.of(warning));
        }
        return Response.accepted(answer).build();
    }
}
