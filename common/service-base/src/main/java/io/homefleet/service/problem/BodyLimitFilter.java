package io.homefleet.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses a body over the configured limit with a problem+json that states the limit: an announced one before a
 * byte of it is read, a chunked one as soon as the bytes received pass the limit (the HTTP layer's own answer to
 * those is an empty 413 and a logged stack trace).
 */
@ApplicationScoped
public class BodyLimitFilter {
    public static final String LIMIT_MEMBER = "limit_bytes";

    @Inject
    HttpLimitsConfig config;

    private long limit;
    private Buffer problem;

    void install(@Observes Router router) {
        limit = config.maxBodySize().asLongValue();
        problem = Buffer.buffer(problemBody(limit));
        router.route().order(-1000).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (exceeds(length, limit)) {
                refuse(ctx);
                return;
            }
        } else if (ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)) {
            readBounded(ctx);
            return;
        }
        ctx.next();
    }

    /**
     * Reads a body sent without a length here, without blocking, up to the limit; the endpoint then reads it from
     * the routing context. Past the limit the answer is the same problem as for an announced one.
     */
    private void readBounded(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                refused[0] = true;
                refuse(ctx);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> refused[0] = true);
        request.endHandler(done -> {
            if (!refused[0]) {
                ctx.setBody(body);
                ctx.next();
            }
        });
        request.resume();
    }

    private void refuse(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.request().connection().close();
            return;
        }
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.copy());
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }

    static byte[] problemBody(long limit) {
        try {
            return Json.mapper().writeValueAsBytes(ProblemException.problem(ProblemType.BODY_TOO_LARGE,
                    "the request body is larger than " + describe(limit) + "; send less").with(LIMIT_MEMBER, limit));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "1048576 bytes (1 MiB)", "65536 bytes (64 KiB)", "1000 bytes". */
    static String describe(long bytes) {
        String[] units = {"KiB", "MiB", "GiB"};
        long value = bytes;
        String unit = null;
        for (String u : units) {
            if (value < 1024 || value % 1024 != 0) {
                break;
            }
            value /= 1024;
            unit = u;
        }
        return bytes + " bytes" + (unit == null ? "" : " (" + value + " " + unit + ")");
    }
}
