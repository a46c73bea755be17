package io.homefleet.hub.customerconfig;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's customer configs: {@code /api/v1/customers/{id}/config}. */
@Path("/api/v1/customers/{id}/config")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "customer configs", description = "Operator API: managed customers' configs and their revisions")
public class CustomerConfigResource {

    @Inject
    CustomerConfigService configs;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The customer's current config (secrets as sha256: digests); 404 for a report-only customer")
    public CustomerConfigView get(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        return configs.require(id);
    }

    @PUT
    @Operation(summary = "Store a new revision of the customer's config (creates it for a report-only customer)")
    public CustomerConfigView put(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @NotNull(message = "a JSON body is required") JsonNode body) {
        return configs.save(id, body, caller.get().describe());
    }

    @DELETE
    @Operation(summary = "Make the customer report-only again: its config and revisions are removed")
    public Response delete(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        configs.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/revisions")
    @Operation(summary = "Every revision of the customer's config, oldest first")
    public List<ConfigRevisionView> revisions(
            @PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        return configs.revisions(id);
    }

    @GET
    @Path("/revisions/{revision}")
    @Operation(summary = "One revision of the customer's config")
    public ConfigRevisionView revision(
            @PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @PathParam("revision") String revision) {
        long number;
        try {
            number = Long.parseLong(revision);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("revision '" + revision + "' is not a revision number");
        }
        return configs.revision(id, number);
    }

    @POST
    @Path("/from-report")
    @Operation(summary = "Create config: make a report-only customer managed from its last report")
    public Response createFromReport(
            @PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        CustomerConfigView view = configs.createFromReport(id, caller.get().describe());
        return Response.created(URI.create("/api/v1/customers/" + id + "/config")).entity(view).build();
    }

    @POST
    @Path("/pull")
    @Operation(summary = "Pull config: take the controller's live values (from its last report) into the config")
    public PullResult pull(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        return configs.pull(id, caller.get().describe());
    }

    @POST
    @Path("/retrieval-password")
    @Operation(summary = "A new retrieval password for GET /api/v1/config/{id}; shown only in this answer")
    public Response retrievalPassword(
            @PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        String password = configs.newRetrievalPassword(id);
        return Response.status(Response.Status.CREATED)
                .entity(Map.of("customer_id", id, "retrieval_password", password)).build();
    }
}
