package io.homefleet.hub.customerconfig;

import io.homefleet.common.contract.v1.Ids;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/config/{customer_id}}: a managed customer's controller.yaml for a controller set up by hand,
 * authenticated by the customer's retrieval password (not a bearer token).
 */
@Path("/api/v1/config")
@PermitAll
@Tag(name = "customer configs")
public class ConfigRetrievalResource {
    public static final String PASSWORD_HEADER = "X-Retrieval-Password";
    static final String YAML = "application/yaml";

    @Inject
    CustomerConfigService configs;

    @GET
    @Path("/{customer_id}")
    @Produces({YAML, "application/problem+json"})
    @Operation(summary = "The generated controller.yaml (X-Retrieval-Password); issues a customer key into it, "
            + "revoking the one the previous retrieval issued")
    public Response retrieve(@PathParam("customer_id") String customerId,
            @HeaderParam(PASSWORD_HEADER) String password, @Context UriInfo uri) {
        if (password == null || password.isBlank()) {
            throw ProblemException.unauthorized("send the customer's retrieval password in the " + PASSWORD_HEADER
                    + " header");
        }
        if (customerId == null || !customerId.matches(Ids.SLUG) || password.length() > 256) {
            throw refused();
        }
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        CustomerConfigService.Retrieval r = configs.retrieve(customerId, password.strip(), base);
        return switch (r.outcome()) {
            case OK -> Response.ok(r.yaml(), YAML + "; charset=utf-8")
                    .header("Cache-Control", "no-store").build();
            case RATE_LIMITED -> ProblemResponses.builder(ProblemException.problem(ProblemType.RATE_LIMITED,
                                    "too many wrong retrieval passwords for this customer; try again in "
                                            + r.retryAfterSeconds() + " s")
                            .with("retry_after_seconds", r.retryAfterSeconds()))
                    .header("Retry-After", r.retryAfterSeconds()).build();
            case REFUSED -> throw refused();
        };
    }

    private static ProblemException refused() {
        return ProblemException.unauthorized("unknown customer or wrong retrieval password");
    }
}
