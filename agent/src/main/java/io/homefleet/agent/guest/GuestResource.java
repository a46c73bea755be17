package io.homefleet.agent.guest;

import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.common.contract.v1.GuestProvisionRequest;
import io.homefleet.common.contract.v1.GuestProvisioningStatus;
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
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Provision (or resume provisioning) a customer guest; 202 while it runs")
    public Response provision(@NotNull @Valid GuestProvisionRequest request) {
        GuestService.Submission submission = guests.submit(request);
        return switch (submission.kind()) {
            case CONFLICT -> throw ProblemException.of(ProblemType.CONFLICT, submission.conflict());
            case NO_STORAGE -> throw ProblemException.of(ProblemType.INVALID_FIELDS, submission.conflict());
            case ALREADY_DONE -> Response.ok(submission.status()).build();
            case STARTED, RUNNING -> Response.accepted(submission.status())
                    .location(URI.create("/guests/" + request.vmid())).build();
        };
    }

    @GET
    @Path("/{vmid}")
    @RolesAllowed({Roles.GUEST, Roles.OPERATOR})
    @Operation(summary = "Provisioning steps of one guest and their state")
    public GuestProvisioningStatus status(@PathParam("vmid") int vmid) {
        caller.requireVmid(vmid);
        return guests.status(vmid).orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND,
                "no provisioning is recorded for vmid " + vmid));
    }
}
