package io.homefleet.service.problem;

import io.homefleet.common.contract.v1.Problem;
import jakarta.ws.rs.core.Response;

/** Builds the one response shape every error has: the problem's status, application/problem+json, the problem. */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static Response respond(Problem problem) {
        return builder(problem).build();
    }

    /** For answers that add a header, e.g. Retry-After on a 429 or 503. */
    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }
}
