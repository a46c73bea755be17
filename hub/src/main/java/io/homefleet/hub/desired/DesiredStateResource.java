package io.homefleet.hub.desired;

import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A controller pulls its desired state: {@code GET /api/v1/desired-state} with its customer key. */
@Path("/api/v1/desired-state")
@Tag(name = "desired-state", description = "What each controller should run, pulled with the customer key")
public class DesiredStateResource {
    @Inject
    CurrentCaller caller;

    @Inject
    DesiredStateAssembler assembler;

    @Inject
    DesiredStateMemory memory;

    @GET
    @RolesAllowed(Roles.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This customer's config, catalog, pinned apps and target version; If-None-Match → 304")
    public Response get(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String customerId = caller.get().customerId();
        Optional<String> kept = memory.etag(customerId);
        if (kept.isPresent() && ETags.matches(ifNoneMatch, kept.get())) {
            return Response.notModified().header(HttpHeaders.ETAG, kept.get()).cacheControl(noStore()).build();
        }
        long seen = memory.epoch();
        DesiredStateAssembler.Assembled state = assembler.assemble(customerId);
        memory.remember(customerId, state.etag(), seen);
        if (ETags.matches(ifNoneMatch, state.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, state.etag()).cacheControl(noStore()).build();
        }
        return Response.ok(state.json(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, state.etag())
                .cacheControl(noStore()).build();
    }

    /** The body carries the customer's secrets: no cache keeps it (the controller revalidates with its ETag). */
    private static CacheControl noStore() {
        CacheControl c = new CacheControl();
        c.setNoStore(true);
        c.setNoTransform(false);
        return c;
    }
}
