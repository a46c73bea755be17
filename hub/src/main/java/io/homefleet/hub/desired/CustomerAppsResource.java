package io.homefleet.hub.desired;

import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.common.contract.v1.Ids;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The apps the operator pins for a customer's controller: {@code /api/v1/customers/{id}/apps}. */
@Path("/api/v1/customers/{id}/apps")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "desired-state")
public class CustomerAppsResource {
    @Inject
    PinService pins;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The apps pinned for this customer (password settings shown only as set)")
    public List<PinnedAppView> list(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE)
            String id) {
        return pins.list(id);
    }

    @PUT
    @Path("/{app}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pin a catalog app at a version with its install settings (again: change them)")
    public PinnedAppView pin(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @PathParam("app") @Pattern(regexp = CatalogApp.ID, message = CatalogApp.ID_MESSAGE) String app,
            @NotNull(message = "a JSON body is required") @Valid PinRequest body) {
        return pins.pin(id, app, body, caller.get().describe());
    }

    @DELETE
    @Path("/{app}")
    @Operation(summary = "Unpin an app (the controller stops being asked to run it)")
    public Response unpin(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @PathParam("app") @Pattern(regexp = CatalogApp.ID, message = CatalogApp.ID_MESSAGE) String app) {
        pins.unpin(id, app);
        return Response.noContent().build();
    }
}
