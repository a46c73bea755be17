package io.homefleet.service.db;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * What a request that failed in the database answers ({@link SqlFailures} decides on the SQLState): an unreachable
 * database is {@code storage-unavailable} (503 with {@link #RETRY_AFTER_SECONDS}, the client tries again later); data
 * the database refuses is the caller's 400; a taken unique key is a 409 — a concurrent request created it first, so a
 * check-then-insert that lost its race never becomes a 500. Anything else is empty here: the service's own fault.
 * Works on any exception whose causes hold the {@link java.sql.SQLException} (Hibernate's, JTA's, plain JDBC), so a
 * service needs no mapper of its own per persistence library.
 */
public final class StorageFailureProblems {
    /** Seconds a client waits before trying again; the embedded server restarts within a few. */
    public static final String RETRY_AFTER_SECONDS = "30";

    private StorageFailureProblems() {
    }

    /** The answer for {@code problem}: a 503 carries Retry-After, so clients come back later instead of at once. */
    public static Response respond(Problem problem) {
        Response.ResponseBuilder answer = ProblemResponses.builder(problem);
        return problem.status() == 503 ? answer.header("Retry-After", RETRY_AFTER_SECONDS).build() : answer.build();
    }

    public static Optional<Problem> of(Throwable failure) {
        return switch (SqlFailures.classify(failure)) {
            case UNAVAILABLE -> Optional.of(ProblemException.problem(ProblemType.STORAGE_UNAVAILABLE,
                    "the service cannot reach its database; nothing was stored, try again later"));
            case INVALID_DATA -> Optional.of(ProblemException.problem(ProblemType.INVALID_FIELDS,
                    "a value in the request cannot be stored: " + SqlFailures.sqlException(failure)
                            .map(sql -> String.valueOf(sql.getMessage()).lines().findFirst().orElse(""))
                            .orElse("invalid value")));
            case CONFLICT -> Optional.of(ProblemException.problem(ProblemType.CONFLICT,
                    "it already exists (a concurrent request created it first)"));
            case OTHER -> Optional.empty();
        };
    }
}
