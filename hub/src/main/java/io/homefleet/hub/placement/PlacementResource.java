package io.homefleet.hub.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.Ids;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import io.homefleet.service.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where a customer's guest runs: {@code /api/v1/customers/{id}/placement} (operator). */
@Path("/api/v1/customers/{id}/placement")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "placement", description = "Operator API: which host and vmid a customer's guest is provisioned on")
public class PlacementResource {

    @Inject
    PlacementService placements;

    @Inject
    CurrentCaller caller;

    @PUT
    @Operation(summary = "Place the customer's guest on a host as a vmid; that host may then fetch its customer key")
    public Placement place(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @NotNull(message = "a JSON body is required") JsonNode body) {
        return placements.place(id, PlacementService.Request.parse(body), caller.get().describe());
    }

    @GET
    @Operation(summary = "The customer's placement")
    public Placement get(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        return placements.placement(id).orElseThrow(() -> ProblemException.notFound("customer '" + id
                + "' is not placed on any host"));
    }

    @DELETE
    @Operation(summary = "Remove the placement; no host may fetch the customer's key any more")
    public Response remove(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        placements.remove(id);
        return Response.noContent().build();
    }
}
