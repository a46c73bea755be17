package io.homefleet.agent.disk;

import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.common.contract.v1.DiskFormatRequest;
import io.homefleet.common.contract.v1.DiskFormatResult;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import io.homefleet.service.problem.ProblemResponses;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;
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
@RolesAllowed({Roles.GUEST, Roles.OPERATOR})
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
        caller.requireVmid(request.vmid());
        FormatGuard.Outcome outcome = guard.format(request, caller.get().describe());
        DiskFormatResult result = outcome.result();
        if (outcome.status() < 400) {
            return Response.status(outcome.status()).type(MediaType.APPLICATION_JSON).entity(result).build();
        }
        return ProblemResponses.respond(refusal(outcome.status(), result));
    }

    /**
     * A refusal (or a failed mkfs) as problem+json: its type says what the caller can do (get an approval, or
     * nothing while the device is in use), and the result's documented fields stay as members.
     */
    static Problem refusal(int status, DiskFormatResult result) {
        ProblemType type = switch (status) {
            case 403 -> Boolean.TRUE.equals(result.approvable()) ? ProblemType.APPROVAL_REQUIRED
                    : ProblemType.DEVICE_IN_USE;
            case 404 -> ProblemType.NOT_FOUND;
            case 409 -> ProblemType.CONFLICT;
            default -> ProblemType.OPERATION_FAILED;
        };
        String detail = result.error() != null ? result.error() : result.reason();
        Problem problem = new Problem(type.uri(), type.title(), status, detail, null, null, null);
        Map<String, Object> members = Json.mapper().convertValue(result, new TypeReference<Map<String, Object>>() { });
        for (Map.Entry<String, Object> member : members.entrySet()) {
            if (member.getValue() != null) {
                problem = problem.with(member.getKey(), member.getValue());
            }
        }
        return problem;
    }
}
