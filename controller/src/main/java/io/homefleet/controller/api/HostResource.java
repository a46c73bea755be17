package io.homefleet.controller.api;

import io.homefleet.common.contract.v1.DiskFormatResult;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import io.homefleet.controller.agent.AgentLink;
import io.homefleet.controller.runtime.ControllerRuntime;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The host as the agent's local API shows it to this guest: {@code /api/host-metrics}, {@code /api/disks},
 * {@code /api/storage} (fresh from the agent at each call) and {@code POST /api/disks/format}, whose data-bearing
 * refusal is a 409 carrying the operation an operator approves on the hub.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "host", description = "The Proxmox host, through its agent")
@Blocking
public class HostResource {
    @Inject
    ControllerRuntime runtime;

    /** The body of {@code POST /api/disks/format}. */
    public record FormatRequest(
            @NotBlank @Size(max = 255) @Pattern(regexp = "^/dev/[A-Za-z0-9._:/+-]+$",
                    message = "must be a /dev path from GET /api/disks") String device,
            @NotBlank @Pattern(regexp = "^(ext4|xfs)$", message = "must be ext4 or xfs") String fstype,
            @Size(max = 8192) String approval) {
    }

    @GET
    @Path("/host-metrics")
    @Operation(summary = "Memory, load, uptime, root disk, storages and temperatures of the host")
    public HostMetrics hostMetrics() {
        return agent(AgentLink::freshHostMetrics);
    }

    @GET
    @Path("/disks")
    @Operation(summary = "The host's block devices with the agent's data-bearing verdict")
    public DiskInventory disks() {
        return agent(AgentLink::freshDisks);
    }

    @GET
    @Path("/storage")
    @Operation(summary = "The host's storages and their paths (what apps and backups use)")
    public Map<String, List<HostStorage>> storage() {
        return Map.of("storages", agent(AgentLink::freshStorages));
    }

    @POST
    @Path("/disks/format")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Format a device; a data-bearing one is refused with 409 and the pending operation to approve")
    public Response format(@NotNull(message = "a JSON body is required") @Valid FormatRequest request) {
        DiskFormatResult result = agent(a -> a.format(request.device(), request.fstype(), request.approval()));
        if (result.formatted()) {
            return Response.ok(result).build();
        }
        String detail = (result.error() != null ? result.error() : "the host refused to format " + request.device())
                + (Boolean.TRUE.equals(result.approvable()) ? "; an operator can approve the pending operation on the hub"
                : "");
        Problem problem = ProblemException.problem(ProblemType.FORMAT_REFUSED, detail);
        Map<String, Object> members = Json.mapper().convertValue(result,
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        for (Map.Entry<String, Object> m : members.entrySet()) {
            if (m.getValue() != null && !m.getKey().equals("error")) {
                problem = problem.with(m.getKey(), m.getValue());
            }
        }
        return ProblemResponses.respond(problem);
    }

    @FunctionalInterface
    interface AgentCall<T> {
        T call(AgentLink agent) throws AgentLink.AgentUnavailableException;
    }

    private <T> T agent(AgentCall<T> call) {
        try {
            return call.call(runtime.agent());
        } catch (AgentLink.AgentUnavailableException e) {
            if (e.notConfigured()) {
                // not a passing outage: a 503 would have clients retry what only a config change can fix
                throw ProblemException.of(ProblemType.NOT_CONFIGURED, e.getMessage());
            }
            HubException answer = e.agentAnswer();
            if (answer != null && answer.status() >= 400 && answer.status() < 500 && answer.status() != 401
                    && answer.status() != 403 && answer.status() != 429) {
                // The agent refused what this request asked (an unknown device, a bad value): the caller's to fix.
                ProblemType type = answer.problemType() != null ? answer.problemType()
                        : answer.status() == 404 ? ProblemType.NOT_FOUND : ProblemType.INVALID_FIELDS;
                throw ProblemException.of(type, "the host agent refused: " + answer.getMessage());
            }
            throw ProblemException.of(ProblemType.DEPENDENCY_UNAVAILABLE, e.getMessage());
        }
    }
}
