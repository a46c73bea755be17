package io.homefleet.hub.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.hub.problem.Params;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator approvals of destructive host operations (wiping a data-bearing disk): {@code /api/v1/approvals}. */
@Path("/api/v1/approvals")
@Tag(name = "approvals", description = "Signed operator approvals the agent requires before wiping a data-bearing disk")
public class ApprovalResource {
    public static final String PEM = "application/x-pem-file";

    @Inject
    ApprovalService approvals;

    @Inject
    ApprovalKeys keys;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign an approval of the agent's pending_op, with a reason; the JWT is shown only here")
    public Response approve(@NotNull(message = "a JSON body {\"pending_op\": {...}, \"reason\": \"...\"} is required")
            JsonNode body) {
        return Response.status(Response.Status.CREATED).entity(approvals.approve(body, caller.get().describe()))
                .build();
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest approvals: what, on which host, who and why (never the JWT)")
    public List<Approval> list(@QueryParam("limit") String limit) {
        return approvals.recent(Params.intInRange("limit", limit, 50, 1, 1000));
    }

    @GET
    @Path("/public-key")
    @PermitAll
    @Produces({PEM, MediaType.TEXT_PLAIN})
    @Operation(summary = "The public key agents verify approvals with (PEM), for hub.approval_public_key_file")
    public String publicKey() {
        return keys.publicKeyPem();
    }
}
