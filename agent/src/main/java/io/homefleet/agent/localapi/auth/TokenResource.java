package io.homefleet.agent.localapi.auth;

import io.homefleet.service.auth.Roles;
import io.homefleet.service.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.service.problem.ProblemType;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Guest tokens, for the host's operator: list (hash prefixes only) and revoke. */
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
@Blocking
public class TokenResource {
    @Inject
    LocalApiCredentials credentials;

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TokenView(int vmid, String sha256Prefix, String mintedAt, String revokedAt, boolean active) {
    }

    @GET
    @Operation(summary = "Every guest token ever minted: vmid, hash prefix, state")
    public Map<String, List<TokenView>> list() {
        return Map.of("tokens", credentials.guests().entries().stream()
                .map(e -> new TokenView(e.vmid(), e.sha256().substring(0, 12), e.mintedAt().toString(),
                        e.revokedAt() == null ? null : e.revokedAt().toString(), e.active()))
                .toList());
    }

    @DELETE
    @Path("/{vmid}")
    @Operation(summary = "Revoke every token of one guest")
    public Map<String, Object> revoke(@PathParam("vmid") int vmid) {
        if (vmid <= 0) {
            throw ProblemException.of(ProblemType.INVALID_PARAMETER, "vmid must be a positive number");
        }
        int revoked = credentials.guests().revoke(vmid, "operator");
        return Map.of("vmid", vmid, "revoked", revoked);
    }
}
