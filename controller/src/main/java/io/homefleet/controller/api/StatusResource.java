package io.homefleet.controller.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.contract.v1.ContractRecord;
import io.homefleet.common.json.Json;
import io.homefleet.service.version.ServiceVersion;
import io.homefleet.controller.config.ConfigInstaller;
import io.homefleet.controller.runtime.ControllerRuntime;
import io.homefleet.controller.status.ControllerState;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/status} and {@code /api/config}: what the controller is and how it is set up. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "status", description = "The controller's own state")
public class StatusResource {
    @Inject
    ControllerRuntime runtime;

    /** The status document. */
    @ContractRecord
    public record Status(String version, boolean configured, IdentityView identity, HubLinkView hubLink,
                         AgentLinkView agentLink, String setupProblem) {
    }

    @ContractRecord
    public record IdentityView(String customerId, String name, String domain) {
    }

    @ContractRecord
    public record AgentLinkView(String state, String message, Instant checkedAt) {
    }

    @ContractRecord
    public record HubLinkView(String url, Instant lastSuccessfulReport, int spoolDepth, String lastHubError,
                              boolean keyRefused, long droppedReports, long droppedEvents) {
    }

    @GET
    @Path("/status")
    @Operation(summary = "Configured or setup mode, the customer, the hub link (last report, spool, last error) and "
            + "the agent link")
    public Status status() {
        ControllerState.HubLink link = runtime.hubLink();
        var hub = runtime.hub();
        HubLinkView view = new HubLinkView(link.hubUrl(), link.lastSuccessfulReport(), link.spoolDepth(),
                link.lastHubError(), hub.map(h -> h.authRefused()).orElse(false),
                hub.map(h -> h.spool().droppedReports()).orElse(0L), hub.map(h -> h.spool().droppedEvents()).orElse(0L));
        ControllerState.AgentLink agent = runtime.agentLink();
        return new Status(ServiceVersion.of("controller"), runtime.configured(), runtime.identity()
                .map(i -> new IdentityView(i.customerId(), i.name(), i.domain())).orElse(null), view,
                new AgentLinkView(agent.state(), agent.message(), agent.checkedAt()), runtime.setupProblem().orElse(null));
    }

    @GET
    @Path("/config")
    @Operation(summary = "The live controller.yaml values with defaults filled in; secrets are in their own files "
            + "and the web password hash is redacted")
    public ObjectNode config() {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("file", runtime.configFile().toString());
        answer.put("configured", runtime.configured());
        answer.set("config", ConfigInstaller.redacted(runtime.config()));
        return answer;
    }
}
