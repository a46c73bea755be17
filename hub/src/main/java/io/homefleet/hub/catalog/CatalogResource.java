package io.homefleet.hub.catalog;

import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import io.homefleet.service.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The app catalog (operator): {@code /api/v1/catalog/apps}. */
@Path("/api/v1/catalog/apps")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalog", description = "Operator API: the apps controllers may install")
public class CatalogResource {
    @Inject
    CatalogService catalog;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Import a Compose file with an x-homefleet or x-casaos block; the same id again adds a "
            + "version")
    public Response importApp(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw ProblemException.badRequest("send the Compose file as the body (Content-Type: application/yaml)");
        }
        CatalogApp app = catalog.importApp(yaml, caller.get().describe());
        return Response.created(URI.create("/api/v1/catalog/apps/" + app.id())).entity(app).build();
    }

    @GET
    @Operation(summary = "Every app with its versions (newest first)")
    public List<Map<String, Object>> list() {
        return catalog.all().entrySet().stream().map(e -> Map.<String, Object>of("id", e.getKey(),
                "versions", e.getValue().stream().map(CatalogApp::version).toList(),
                "newest", e.getValue().get(0))).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Every version of one app, newest first")
    public List<CatalogApp> get(@PathParam("id") @Pattern(regexp = CatalogApp.ID, message = CatalogApp.ID_MESSAGE)
            String id) {
        return catalog.versions(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete every version of an app, or one (?version=); 409 while a customer has it pinned")
    public Response delete(@PathParam("id") @Pattern(regexp = CatalogApp.ID, message = CatalogApp.ID_MESSAGE)
            String id, @QueryParam("version") @Pattern(regexp = CatalogApp.VERSION,
                    message = CatalogApp.VERSION_MESSAGE) String version) {
        catalog.delete(id, version);
        return Response.noContent().build();
    }
}
