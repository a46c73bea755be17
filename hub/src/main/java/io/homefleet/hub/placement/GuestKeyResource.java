package io.homefleet.hub.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.Ids;
import io.homefleet.hub.problem.FieldProblems;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/hosts/{host_id}/guests/{vmid}/customer-key} with that host's key: the customer key a guest
 * being provisioned carries in its bootstrap, for the customer the operator placed there.
 */
@Path("/api/v1/hosts/{host_id}/guests/{vmid}/customer-key")
@RolesAllowed(Roles.HOST)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "placement")
public class GuestKeyResource {

    @Inject
    PlacementService placements;

    @Inject
    CurrentCaller caller;

    @POST
    @Operation(summary = "Issue the placed customer's key for this guest (host key); the guest's previous key is "
            + "revoked; shown only in this answer")
    public Response issue(
            @PathParam("host_id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String hostId,
            @PathParam("vmid") String vmidText,
            @NotNull(message = "a JSON body {\"customer_id\": ...} is required") JsonNode body) {
        caller.requireHost(hostId);
        int vmid = vmid(vmidText);
        List<String> problems = new ArrayList<>();
        if (!body.isObject()) {
            problems.add("customer_id: the body must be a JSON object {\"customer_id\": ...}");
        } else {
            body.fieldNames().forEachRemaining(n -> {
                if (!n.equals("customer_id")) {
                    problems.add(n + ": unknown field (allowed: customer_id)");
                }
            });
            if (!body.path("customer_id").isTextual() || !body.path("customer_id").asText().matches(Ids.SLUG)) {
                problems.add("customer_id: required, " + Ids.SLUG_MESSAGE);
            }
        }
        if (!problems.isEmpty()) {
            throw FieldProblems.invalid(problems);
        }
        return Response.status(Response.Status.CREATED)
                .entity(placements.issueGuestKey(hostId, vmid, body.get("customer_id").asText())).build();
    }

    private static int vmid(String text) {
        try {
            int vmid = Integer.parseInt(text);
            if (vmid >= PlacementService.MIN_VMID && vmid <= PlacementService.MAX_VMID) {
                return vmid;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw io.homefleet.service.problem.ProblemException.badRequest("vmid '" + text + "' is not a guest id ("
                + PlacementService.MIN_VMID + " to " + PlacementService.MAX_VMID + ")");
    }
}
