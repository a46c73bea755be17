package io.homefleet.agent.storage;

import io.homefleet.agent.localapi.auth.Access;
import io.homefleet.agent.problem.ProblemException;
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
@Access(Access.Level.GUEST_OR_OPERATOR)
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
            throw ProblemException.of(503, "Proxmox unavailable", "cannot list storages: " + e.getMessage());
        }
    }
}
