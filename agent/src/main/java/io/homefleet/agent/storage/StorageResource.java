package io.homefleet.agent.storage;

import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.common.contract.v1.HostStorage;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The host's Proxmox storages and their paths: what a controller shows as storage paths. */
@Path("/storage")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.GUEST, Roles.OPERATOR})
@Blocking
public class StorageResource {
    @Inject
    StorageService storages;

    @GET
    @Operation(summary = "Proxmox storages of this host with type, path, content and capacity")
    public Map<String, List<HostStorage>> list() {
        try {
            return Map.of("storages", storages.storages());
        } catch (RuntimeException e) {
            throw ProblemException.of(ProblemType.DEPENDENCY_UNAVAILABLE, "cannot list storages: " + e.getMessage());
        }
    }
}
