package io.homefleet.hub.event;

import io.homefleet.common.contract.v1.Event;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.service.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Structured events from controllers: {@code POST /api/v1/event} with the customer's key. */
@Path("/api/v1/event")
@Tag(name = "ingest")
public class EventResource {
    private static final String DEFAULT_SOURCE = "controller";

    @Inject
    CurrentCaller caller;

    @Inject
    EventRepository events;

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store an event; a re-sent event_id is stored once")
    public Response post(@NotNull(message = "a JSON body is required") @Valid Event body) {
        caller.requireCustomer(body.customerId());
        if (body.eventType().hubOnly()) {
            throw ProblemException.badRequest("event_type '" + body.eventType().wireName()
                    + "' is raised by the hub itself and cannot be sent");
        }
        if (body.source() != null && body.source().equalsIgnoreCase("hub")) {
            throw ProblemException.badRequest("source 'hub' is reserved for events the hub raises");
        }
        String source = body.source() == null || body.source().isBlank() ? DEFAULT_SOURCE : body.source();
        boolean stored = events.insert(body, source, Instant.now());
        return Response.accepted(Map.of("event_id", body.eventId(), "stored", stored)).build();
    }
}
