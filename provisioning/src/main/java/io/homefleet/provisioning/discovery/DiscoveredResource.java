package io.homefleet.provisioning.discovery;

import io.homefleet.provisioning.host.HostView;
import io.homefleet.provisioning.host.Macs;
import io.homefleet.service.auth.Roles;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Machines that PXE-booted with an unknown MAC: {@code /api/v1/discovered}. */
@Path("/api/v1/discovered")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "discovered", description = "Unknown machines seen at PXE boot")
public class DiscoveredResource {
    @Inject
    DiscoveryService discovery;

    @GET
    @Operation(summary = "Machines seen at PXE boot that no host owns, most recent first")
    public List<DiscoveredView> list() {
        return discovery.list().stream().map(DiscoveredView::of).toList();
    }

    @POST
    @Path("/{mac}/register")
    @Operation(summary = "Register a discovered machine as a host (it stays on local boot until rebuilt)")
    public Response register(@PathParam("mac") String mac,
            @NotNull(message = "a JSON body is required") @Valid RegisterDiscovered body) {
        String normalized = mac(mac);
        HostView host = HostView.of(discovery.register(normalized, body.hostname(), body.serverType(), "operator"));
        return Response.created(URI.create("/api/v1/hosts/" + host.id())).entity(host).build();
    }

    @DELETE
    @Path("/{mac}")
    @Operation(summary = "Forget a discovered machine")
    public Response forget(@PathParam("mac") String mac) {
        discovery.forget(mac(mac));
        return Response.noContent().build();
    }

    private static String mac(String mac) {
        return Macs.normalize(mac).orElseThrow(() -> ProblemException.of(ProblemType.INVALID_PARAMETER,
                "mac: '" + mac + "' is not a MAC address"));
    }
}
