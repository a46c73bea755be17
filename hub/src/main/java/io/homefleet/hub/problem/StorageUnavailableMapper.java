package io.homefleet.hub.problem;

import io.homefleet.hub.db.StorageException;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The hub's database is out of reach: 503 with Retry-After, so a client retries what was not stored. */
public class StorageUnavailableMapper {
    private static final Logger LOG = Logger.getLogger(StorageUnavailableMapper.class);
    static final String RETRY_AFTER_SECONDS = "30";

    @ServerExceptionMapper
    public Response storageDown(StorageException e, UriInfo uri) {
        LOG.errorf("Database failure on %s: %s", uri.getPath(), e.getMessage());
        return ProblemResponses.builder(ProblemException.problem(ProblemType.STORAGE_UNAVAILABLE,
                                "the hub cannot reach its database; nothing was stored, try again later")
                        .withInstance(uri.getPath()))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
