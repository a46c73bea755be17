package io.homefleet.hub.health;

import io.agroal.api.AgroalDataSource;
import io.homefleet.service.db.EmbeddedPostgresReadiness;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The seed's health check, kept for load balancers and scripts: 200, or 503 when PostgreSQL is unreachable. */
@Path("/healthz")
@Tag(name = "health")
public class HealthzResource {
    private static final int DB_CHECK_TIMEOUT_SECONDS = 2;

    @Inject
    AgroalDataSource dataSource;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "200 when the hub and its database are up, 503 otherwise (no authentication)")
    public Response healthz() {
        try (Connection con = dataSource.getConnection()) {
            if (con.isValid(DB_CHECK_TIMEOUT_SECONDS)) {
                return Response.ok(Map.of("status", "ok", "database", "up")).build();
            }
        } catch (SQLException e) {
            // fall through: the answer is the 503 below
        }
        // With the embedded server, say why (it died and is being restarted, or was stopped).
        String detail = EmbeddedPostgresReadiness.downReason().orElse("PostgreSQL is unreachable");
        return Response.status(503).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", "Service unavailable", "status", 503,
                        "detail", detail, "database", "down"))
                .build();
    }
}
