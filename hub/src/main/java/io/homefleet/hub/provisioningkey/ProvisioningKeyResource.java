package io.homefleet.hub.provisioningkey;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.auth.KeyView;
import io.homefleet.hub.problem.Params;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Keys for the provisioning service ({@code hfr_...}): they may only register hosts and issue host keys, so the
 * service that hands new hosts over never holds the operator token.
 */
@Path("/api/v1/provisioning-keys")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "provisioning keys", description = "Operator API: keys of the provisioning service")
public class ProvisioningKeyResource {

    @Inject
    CredentialService credentials;

    @POST
    @Operation(summary = "Issue a provisioning key (hfr_...); the answer is the only time it is shown")
    public Response issue() {
        return Response.status(Response.Status.CREATED)
                .entity(credentials.issue(TokenKind.PROVISIONING, null, null)).build();
    }

    @GET
    @Operation(summary = "Every provisioning key (never the secrets)")
    public List<KeyView> list() {
        return credentials.list(TokenKind.PROVISIONING, null, null).stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke one provisioning key; it stops working at once")
    public Response revoke(@PathParam("keyId") String keyId) {
        credentials.revoke(TokenKind.PROVISIONING, Params.uuid("key id", keyId), null, null);
        return Response.noContent().build();
    }
}
