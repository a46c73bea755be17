package io.homefleet.hub.updates;

import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Controller updates (operator): {@code /api/v1/updates}. */
@Path("/api/v1/updates")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "updates", description = "Operator API: controller versions in the registry, and update targets")
public class UpdatesResource {
    @Inject
    UpdateService updates;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The controller versions listed, the newest, and per customer running and target versions")
    public UpdateStatus status() {
        return updates.status();
    }

    @POST
    @Path("/check")
    @Operation(summary = "List the controller image's tags now")
    public UpdateStatus check() {
        return updates.check();
    }

    @POST
    @Path("/trigger")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the target version (default: the newest) for one customer or all")
    public Map<String, Object> trigger(@NotNull(message = "a JSON body is required") @Valid TriggerRequest body) {
        List<String> customers = updates.trigger(body, caller.get().describe());
        return Map.of("customers", customers, "target_version", body.version() != null ? body.version()
                : updates.versions().get(0));
    }
}
