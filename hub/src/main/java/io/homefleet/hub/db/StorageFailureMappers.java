package io.homefleet.hub.db;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.db.SqlFailures;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Database failures as problems: only an unreachable database is "storage unavailable" (503 with Retry-After, the
 * client tries again later); data the database refuses is the caller's 400, a taken unique key a 409, and anything
 * else the hub's 500 ({@link SqlFailures}). Covers the plain-SQL classes ({@link StorageException}, from
 * {@link Sql#failure}) and Hibernate's exceptions from the Panache services.
 */
public class StorageFailureMappers {
    private static final Logger LOG = Logger.getLogger(StorageFailureMappers.class);
    /** Seconds a client waits before retrying; the embedded server restarts within a few. */
    static final String RETRY_AFTER_SECONDS = "30";

    @ServerExceptionMapper
    public Response storageDown(StorageException e, UriInfo uri) {
        LOG.errorf("Database unreachable on %s: %s", uri.getPath(), e.getMessage());
        return unavailable(uri, e.detail());
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        return switch (SqlFailures.classify(e)) {
            case UNAVAILABLE -> {
                LOG.errorf("Database unreachable on %s: %s", uri.getPath(), e.getMessage());
                yield unavailable(uri, "the hub cannot reach its database; nothing was stored, try again later");
            }
            case INVALID_DATA -> respond(ProblemException.problem(ProblemType.INVALID_FIELDS,
                    "a value in the request cannot be stored: " + SqlFailures.sqlException(e)
                            .map(sql -> String.valueOf(sql.getMessage()).lines().findFirst().orElse(""))
                            .orElse("invalid value")), uri);
            case CONFLICT -> respond(ProblemException.problem(ProblemType.CONFLICT,
                    "it already exists (a concurrent request created it first)"), uri);
            case OTHER -> {
                LOG.error("Database operation failed", e);
                yield respond(ProblemException.problem(ProblemType.INTERNAL_ERROR,
                        "the hub could not handle this request; see its log"), uri);
            }
        };
    }

    private static Response unavailable(UriInfo uri, String detail) {
        return Response.fromResponse(respond(ProblemException.problem(ProblemType.STORAGE_UNAVAILABLE, detail), uri))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.withInstance(uri.getPath()))
                .build();
    }
}
