package io.homefleet.provisioning.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /events}: the dashboard's live stream (server-sent events {@code host} and {@code pxe}). */
@Path("/events")
@RolesAllowed(DashboardAccounts.ROLE)
public class EventsResource {
    @Inject
    DashboardEvents events;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live host state changes and dnsmasq state for the dashboard (needs a dashboard session)")
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        events.register(sink, sse);
    }
}
