package io.homefleet.hub.desired;

import io.homefleet.common.contract.v1.Ids;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Whether a customer's controller runs its desired state: {@code GET /api/v1/customers/{id}/sync} (operator). */
@Path("/api/v1/customers/{id}/sync")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "desired-state")
public class SyncResource {
    @Inject
    SyncService sync;

    @GET
    @Operation(summary = "in_sync, pending or drifted: the controller's reported values against its desired state")
    public SyncView sync(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        return sync.of(id);
    }
}
