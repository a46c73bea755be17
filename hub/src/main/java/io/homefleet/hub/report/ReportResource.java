package io.homefleet.hub.report;

import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.hub.db.StorageException;
import io.homefleet.hub.ingest.SentAtBounds;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Controller reports: {@code POST /api/v1/report} with the customer's own key. */
@Path("/api/v1/report")
@Tag(name = "ingest", description = "What controllers and agents send")
public class ReportResource {
    private static final int STORE_TIMEOUT_SECONDS = 30;

    @Inject
    CurrentCaller caller;

    @Inject
    ReportBatchWriter writer;

    @Inject
    ObjectMapper mapper;

    @Inject
    SentAtBounds sentAt;

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a controller report; a re-sent report_id is stored once")
    public Response post(@NotNull(message = "a JSON body is required") @Valid ControllerReport body)
            throws Exception {
        caller.requireCustomer(body.customerId());
        Instant receivedAt = Instant.now();
        sentAt.check("sent_at", body.sentAt(), receivedAt);
        boolean stored;
        try {
            stored = writer.submit(body, mapper.writeValueAsString(body), receivedAt).get(STORE_TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            // Not stored in time (the database stalled or died with the report queued): the client sends it again.
            throw new StorageException("report " + body.reportId() + " not stored within " + STORE_TIMEOUT_SECONDS
                    + " s", "the hub could not store the report in time; send it again later (a re-sent report_id "
                    + "is stored once)", e);
        }
        return Response.accepted(Map.of("report_id", body.reportId(), "stored", stored)).build();
    }
}
