package io.homefleet.hub.customerconfig;

import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import io.homefleet.service.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The controller.yaml template every managed customer's config is merged into: {@code /api/v1/config-template}. */
@Path("/api/v1/config-template")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "customer configs")
public class ConfigTemplateResource {

    @Inject
    ConfigTemplates templates;

    @Inject
    CurrentCaller caller;

    /** A template version as the API shows it. */
    public record TemplateView(long version, String sha256, String uploadedBy, Instant uploadedAt, String yaml) {
        static TemplateView of(ConfigTemplates.Template t) {
            return new TemplateView(t.version(), t.sha256(), t.uploadedBy(), t.uploadedAt(), t.yaml());
        }
    }

    @GET
    @Operation(summary = "The template in use (version 0 is the one shipped with the hub)")
    public TemplateView current() {
        return TemplateView.of(templates.current());
    }

    @PUT
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Upload a new template version (YAML, snake_case keys); every managed config changes")
    public TemplateView upload(String yaml) {
        return TemplateView.of(templates.upload(yaml, caller.get().describe()));
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Every uploaded version, oldest first")
    public List<TemplateView> versions() {
        return templates.versions().stream().map(TemplateView::of).toList();
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One version")
    public TemplateView version(@PathParam("version") String version) {
        long number;
        try {
            number = Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("version '" + version + "' is not a template version number");
        }
        return templates.version(number).map(TemplateView::of)
                .orElseThrow(() -> ProblemException.notFound("no template version " + number));
    }
}
