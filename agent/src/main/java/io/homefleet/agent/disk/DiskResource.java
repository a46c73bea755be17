package io.homefleet.agent.disk;

import io.homefleet.agent.localapi.auth.Access;
import io.homefleet.agent.localapi.auth.CurrentCaller;
import io.homefleet.agent.problem.ProblemException;
import io.homefleet.common.contract.v1.DiskFormatRequest;
import io.homefleet.common.contract.v1.DiskFormatResult;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.agent.config.AgentConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The host's block devices and the guarded format operation. */
@Path("/disks")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.GUEST_OR_OPERATOR)
@Blocking
public class DiskResource {
    @Inject
    DiskInspector inspector;
    @Inject
    FormatGuard guard;
    @Inject
    CurrentCaller caller;
    @Inject
    AgentConfig config;

    @GET
    @Operation(summary = "Every block device with size, identity and the agent's data-bearing verdict")
    public DiskInventory list() {
        return new DiskInventory(config.hub().hostId(), Instant.now(), inspector.inspectAll());
    }

    @POST
    @Path("/format")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Format a device; a data-bearing one needs an operator approval bound to the pending_op")
    public Response format(@NotNull @Valid DiskFormatRequest request) {
        if (!caller.get().mayActFor(request.vmid())) {
            throw new ProblemException(Problem.of(403, "Not your guest",
                    "this guest token acts only for vmid " + caller.get().vmid() + ", not " + request.vmid()));
        }
        FormatGuard.Outcome outcome = guard.format(request, caller.get().describe());
        DiskFormatResult result = outcome.result();
        return Response.status(outcome.status()).type(MediaType.APPLICATION_JSON).entity(result).build();
    }
}
