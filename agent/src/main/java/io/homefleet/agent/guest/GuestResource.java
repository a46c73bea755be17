package io.homefleet.agent.guest;

import io.homefleet.agent.localapi.auth.Access;
import io.homefleet.agent.localapi.auth.CurrentCaller;
import io.homefleet.agent.problem.ProblemException;
import io.homefleet.common.contract.v1.GuestProvisionRequest;
import io.homefleet.common.contract.v1.GuestProvisioningStatus;
import io.homefleet.common.contract.v1.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Customer guests provisioned from a golden archive. */
@Path("/guests")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class GuestResource {
    @Inject
    GuestService guests;
    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Level.OPERATOR)
    @Operation(summary = "Provision (or resume provisioning) a customer guest; 202 while it runs")
    public Response provision(@NotNull @Valid GuestProvisionRequest request) {
        GuestService.Submission submission = guests.submit(request);
        return switch (submission.kind()) {
            case CONFLICT -> throw new ProblemException(Problem.of(409, "Guest already requested", submission.conflict()));
            case NO_STORAGE -> throw new ProblemException(Problem.of(400, "No storage", submission.conflict()));
            case ALREADY_DONE -> Response.ok(submission.status()).build();
            case STARTED, RUNNING -> Response.accepted(submission.status())
                    .location(URI.create("/guests/" + request.vmid())).build();
        };
    }

    @GET
    @Path("/{vmid}")
    @Access(Access.Level.GUEST_OR_OPERATOR)
    @Operation(summary = "Provisioning steps of one guest and their state")
    public GuestProvisioningStatus status(@PathParam("vmid") int vmid) {
        if (!caller.get().mayActFor(vmid)) {
            throw new ProblemException(Problem.of(403, "Not your guest",
                    "this guest token acts only for vmid " + caller.get().vmid()));
        }
        return guests.status(vmid).orElseThrow(() -> ProblemException.of(404, "Unknown guest",
                "no provisioning is recorded for vmid " + vmid));
    }
}
