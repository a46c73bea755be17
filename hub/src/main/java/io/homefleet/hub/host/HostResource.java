package io.homefleet.hub.host;

import io.homefleet.common.contract.v1.HostRequest;
import io.homefleet.common.contract.v1.Ids;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.auth.KeyView;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.hub.problem.Params;
import io.homefleet.service.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's view and control of Proxmox hosts: {@code /api/v1/hosts}. */
@Path("/api/v1/hosts")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "hosts", description = "Operator API: Proxmox hosts and their keys")
public class HostResource {

    @Inject
    HostService hosts;

    @Inject
    HostQueries queries;

    @Inject
    CredentialService credentials;

    @GET
    @Operation(summary = "Every host with its cluster, addresses and last report time")
    public List<HostView> list() {
        return queries.list();
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.PROVISIONING})
    @Operation(summary = "Register a host (operator, or the provisioning service's key)")
    public Response create(@NotNull(message = "a JSON body is required") @Valid HostRequest body) {
        hosts.create(body);
        // Not this.get(): ArC intercepts self-calls, so its operator-only check would refuse a provisioning key.
        return Response.created(URI.create("/api/v1/hosts/" + body.id())).entity(queries.get(body.id()).orElseThrow())
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A host with its latest report")
    public HostView get(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        return queries.get(id).orElseThrow(() -> ProblemException.notFound("no host '" + id + "'"));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a host's hostname, cluster or addresses")
    public HostView update(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @NotNull(message = "a JSON body is required") @Valid HostRequest body) {
        hosts.update(id, body);
        return get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a host with its keys and reports")
    public Response delete(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        hosts.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/keys")
    @RolesAllowed({Roles.OPERATOR, Roles.PROVISIONING})
    @Operation(summary = "Issue a host key (hfh_...; operator, or the provisioning service's key); the answer is the "
            + "only time it is shown")
    public Response issueKey(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        hosts.require(id);
        return Response.status(Response.Status.CREATED).entity(credentials.issue(TokenKind.HOST, null, id)).build();
    }

    @POST
    @Path("/{id}/keys/rotate")
    @RolesAllowed({Roles.OPERATOR, Roles.PROVISIONING})
    @Operation(summary = "Revoke every key of the host and issue a new one (operator, or the provisioning service's "
            + "key at a hand-over, so a retried hand-over leaves no earlier key valid)")
    public Response rotateKey(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        hosts.require(id);
        return Response.status(Response.Status.CREATED).entity(credentials.rotate(TokenKind.HOST, null, id)).build();
    }

    @GET
    @Path("/{id}/keys")
    @Operation(summary = "The host's keys (never their secrets)")
    public List<KeyView> keys(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        hosts.require(id);
        return credentials.list(TokenKind.HOST, null, id).stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{id}/keys/{keyId}")
    @Operation(summary = "Revoke one key; it stops working at once")
    public Response revokeKey(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @PathParam("keyId") String keyId) {
        hosts.require(id);
        credentials.revoke(TokenKind.HOST, Params.uuid("key id", keyId), null, id);
        return Response.noContent().build();
    }
}
