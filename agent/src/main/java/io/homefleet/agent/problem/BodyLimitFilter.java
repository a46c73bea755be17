package io.homefleet.agent.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses an announced body over the local API's limit before reading it, with a problem+json saying the limit
 * (the HTTP layer's own 413, for bodies sent without a length, has no body). Every local-API body is a few hundred
 * bytes; the limit matches quarkus.http.limits.max-body-size.
 */
@ApplicationScoped
public class BodyLimitFilter {
    public static final long MAX_BODY_BYTES = 64 * 1024;
    private static final Buffer PROBLEM = problem();

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(PROBLEM);
                return;
            }
            ctx.next();
        });
    }

    private static boolean exceeds(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }

    private static Buffer problem() {
        try {
            return Buffer.buffer(Json.mapper().writeValueAsBytes(Problem.of(413, "Body too large",
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes").with("limit_bytes", MAX_BODY_BYTES)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
