package io.homefleet.provisioning.host;

import io.homefleet.provisioning.boot.InstallReports;
import io.homefleet.provisioning.boot.PhoneHome;
import io.homefleet.provisioning.boot.PostInstallation;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Hosts: the operator's API (register, list, remove, rebuild, retry, history) and the boot-flow calls an installing
 * host makes (installed webhook, first-boot script, phone-home), served under {@code /api/v1/hosts} and, for
 * installers and scripts written against the original paths, {@code /api/hosts}.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class HostEndpoints {
    @Inject
    HostService hosts;

    @Inject
    InstallReports reports;

    protected abstract String base();

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Every host with its state")
    public List<HostView> list() {
        return hosts.list().stream().map(HostView::of).toList();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a host (hostname, mac, server_type); it boots locally until a rebuild is requested")
    public Response create(@NotNull(message = "a JSON body is required") @Valid HostRequest body) {
        HostView host = HostView.of(hosts.register(body, "operator"));
        return Response.created(URI.create(base() + "/" + host.id())).entity(host).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "A host with its state, current step and, when failed, the step, exit status and output")
    public HostView get(@PathParam("id") String id) {
        return HostView.of(hosts.get(id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Remove a host and its history")
    public Response delete(@PathParam("id") String id) {
        hosts.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rebuild")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Rebuild with Proxmox: a fresh ephemeral key; the next PXE boot installs")
    public HostView rebuild(@PathParam("id") String id) {
        return HostView.of(hosts.rebuild(id, "operator"));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Resume a failed host from the step it failed in")
    public HostView retry(@PathParam("id") String id) {
        return HostView.of(hosts.retry(id, "operator"));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Every state change of the host: time, from, to, cause, actor")
    public List<TransitionView> history(@PathParam("id") String id) {
        return hosts.history(id).stream().map(TransitionView::of).toList();
    }

    @POST
    @Path("/{id}/installed")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The installer's post-installation webhook (schema 1.2); pins the host's SSH host keys")
    public Response installed(@PathParam("id") String id,
            @NotNull(message = "the webhook's JSON body is required") @Valid PostInstallation body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        reports.installed(id, body, bearer(authorization));
        return Response.ok().build();
    }

    @GET
    @Path("/{id}/first-boot-script")
    @PermitAll
    @Produces("text/x-shellscript")
    @Operation(summary = "The first-boot script (with this install's token) the installer runs once")
    public String firstBootScript(@PathParam("id") String id, @QueryParam("token") String token) {
        return reports.firstBootScript(id, token);
    }

    @POST
    @Path("/{id}/phone-home")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The first boot reports the host's address and machine id; the join starts")
    public Response phoneHome(@PathParam("id") String id,
            @NotNull(message = "a JSON body with ip and machine_id is required") @Valid PhoneHome body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        reports.phoneHome(id, body, bearer(authorization));
        return Response.ok().build();
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }
}
