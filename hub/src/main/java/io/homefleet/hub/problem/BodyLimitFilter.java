package io.homefleet.hub.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses an announced body over the limit before a byte of it is read, with a problem+json that says the
 * limit (the HTTP layer's own 413 has no body a script could show).
 */
@ApplicationScoped
public class BodyLimitFilter {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        byte[] body = problemBody(limit);
        router.route().order(-1000).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length, limit)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(io.vertx.core.buffer.Buffer.buffer(body));
                return;
            }
            ctx.next();
        });
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }

    private static byte[] problemBody(long limit) {
        try {
            return Json.mapper().writeValueAsBytes(Problem.of(413, "Body too large",
                    "the request body is larger than " + limit + " bytes (1 MiB); send less").with("limit_bytes", limit));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
