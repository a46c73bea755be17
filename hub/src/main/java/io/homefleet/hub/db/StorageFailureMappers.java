package io.homefleet.hub.db;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.db.StorageFailureProblems;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The hub's plain-SQL failures ({@link StorageException}, from {@link Sql#failure}, already classified) as problems: an
 * unreachable database is "storage unavailable" (503 with Retry-After, the client tries again later). Hibernate's
 * exceptions from the Panache services are answered by service-base's fallback mapper, which classifies them the same
 * way ({@code StorageFailureProblems}).
 */
public class StorageFailureMappers {
    private static final Logger LOG = Logger.getLogger(StorageFailureMappers.class);

    @ServerExceptionMapper
    public Response storageDown(StorageException e, UriInfo uri) {
        LOG.errorf("Database unreachable on %s: %s", uri.getPath(), e.getMessage());
        return unavailable(uri, e.detail());
    }

    private static Response unavailable(UriInfo uri, String detail) {
        Problem problem = ProblemException.problem(ProblemType.STORAGE_UNAVAILABLE, detail).withInstance(uri.getPath());
        return StorageFailureProblems.respond(problem);
    }
}
