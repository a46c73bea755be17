package io.homefleet.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.service.auth.Caller;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Receives every authenticated request body on the event loop before the endpoint runs, so a client that sends its
 * body slowly (or stops) holds a connection and a little memory, never one of the worker threads that answer
 * everyone else (health, the operator API). The endpoint then reads the body from memory.
 * <ul>
 * <li>The token is checked first; without a valid one the request goes on unread and is refused as before.</li>
 * <li>At most {@code homefleet.hub.ingest.max-uploads-per-key} bodies are received at once per credential and
 * {@code max-uploads} in total; more are answered 429 with Retry-After at once, so one key cannot occupy the hub.</li>
 * <li>A body not complete within {@code upload-timeout} is answered 408 and its connection closed.</li>
 * </ul>
 */
@ApplicationScoped
public class UploadGate {
    private static final Logger LOG = Logger.getLogger(UploadGate.class);
    /** After the announced-size check (BodyLimitFilter, -1000), before the REST endpoints. */
    private static final int ORDER = -900;
    private static final String SLOT = "homefleet.upload-slot";
    private static final String BEARER = "Bearer ";
    private static final String PROXY_TOKEN = "X-Proxy-Token";

    @Inject
    HubConfig config;

    @Inject
    CredentialService credentials;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<UUID, Integer> perKey = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue());
        router.route().order(ORDER).handler(this::admit);
        router.route().order(ORDER + 1).handler(ctx -> {
            if (ctx.get(SLOT) != null) {
                bodies.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(ORDER + 2).handler(ctx -> {
            Slot slot = ctx.get(SLOT);
            if (slot != null && !slot.release()) {
                return; // answered already (timed out) while the last bytes were on their way
            }
            ctx.next();
        });
        router.route().order(ORDER).failureHandler(this::failed);
    }

    /**
     * A body that broke off while being received (the client went away, or the hub closed a timed-out upload) needs
     * no answer and is no fault of the hub; a chunked body over the limit is answered like an announced one. A
     * failure after the body was in is the endpoint's and goes on to the usual handling.
     */
    private void failed(RoutingContext ctx) {
        Slot slot = ctx.get(SLOT);
        boolean receiving = slot != null && slot.release();
        boolean answered = ctx.response().ended() || ctx.response().closed();
        if (receiving && ctx.statusCode() == 413) {
            refuse(ctx, ProblemType.BODY_TOO_LARGE, "the request body is larger than " + maxBodySize.asLongValue()
                    + " bytes; send less", -1);
        } else if (receiving || (slot != null && answered)) {
            LOG.debugf("Upload to %s broke off: %s", ctx.request().path(), ctx.failure());
            if (!answered) {
                ctx.request().connection().close();
            }
        } else {
            ctx.next();
        }
    }

    private void admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String token = presentedToken(request);
        // Quarkus REST pauses the request when it starts, which Vert.x refuses on an HTTP/2 stream already read to
        // its end; the hub serves HTTP/1.1 only (quarkus.http.http2=false), this keeps HTTP/2 working if enabled.
        if (token == null || !hasBody(request) || request.version() == HttpVersion.HTTP_2) {
            ctx.next();
            return;
        }
        // A token the credential cache knows is checked right here; only a lookup in the database hops to a worker
        // (the request stays paused until a body reader is attached, so nothing is lost meanwhile).
        Optional<Optional<Caller>> remembered = credentials.remembered(token);
        if (remembered.isPresent()) {
            admit(ctx, remembered.get());
            return;
        }
        ctx.vertx().<Optional<Caller>>executeBlocking(() -> credentials.authenticate(token), false)
                .onComplete(checked -> admit(ctx, checked.failed() ? Optional.empty() : checked.result()));
    }

    private void admit(RoutingContext ctx, Optional<Caller> checked) {
        if (checked.isEmpty()) {
            ctx.next(); // the endpoint's own authentication answers, without reading the body
            return;
        }
        Caller caller = checked.get();
        Slot slot = acquire(caller.credentialId());
        if (slot == null) {
            refuse(ctx, ProblemType.RATE_LIMITED, "too many uploads at once"
                    + (perKeyFull(caller.credentialId()) ? " with this " + caller.kind().displayName()
                            + " (at most " + config.ingest().maxUploadsPerKey() + ")"
                            : " on this hub (at most " + config.ingest().maxUploads() + ")")
                    + "; retry after " + config.ingest().uploadRetryAfter().toSeconds() + " s",
                    config.ingest().uploadRetryAfter().toSeconds());
            return;
        }
        ctx.put(SLOT, slot);
        long timer = ctx.vertx().setTimer(config.ingest().uploadTimeout().toMillis(), t -> {
            if (slot.release()) {
                refuse(ctx, ProblemType.REQUEST_TIMEOUT, "the request body did not arrive within "
                        + config.ingest().uploadTimeout().toSeconds() + " s", -1);
            }
        });
        ctx.addEndHandler(done -> {
            ctx.vertx().cancelTimer(timer);
            slot.release();
        });
        ctx.next();
    }

    private Slot acquire(UUID key) {
        if (inFlight.incrementAndGet() > config.ingest().maxUploads()) {
            inFlight.decrementAndGet();
            return null;
        }
        int limit = config.ingest().maxUploadsPerKey();
        AtomicBoolean admitted = new AtomicBoolean();
        perKey.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit) {
                return count;
            }
            admitted.set(true);
            return now + 1;
        });
        if (!admitted.get()) {
            inFlight.decrementAndGet();
            return null;
        }
        return new Slot(key);
    }

    private boolean perKeyFull(UUID key) {
        Integer count = perKey.get(key);
        return count != null && count >= config.ingest().maxUploadsPerKey();
    }

    /** Answers before the body was read; the connection closes, since the rest of the body will not be read. */
    private static void refuse(RoutingContext ctx, ProblemType type, String detail, long retryAfterSeconds) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        Problem problem = ProblemException.problem(type, detail).withInstance(ctx.request().path());
        ctx.response().setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close");
        if (retryAfterSeconds >= 0) {
            ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        try {
            ctx.response().end(Buffer.buffer(Json.mapper().writeValueAsBytes(problem)))
                    .onComplete(sent -> ctx.request().connection().close());
        } catch (JsonProcessingException e) {
            LOG.warnf("Cannot write the %s problem: %s", type.slug(), e.getMessage());
            ctx.request().connection().close();
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static String presentedToken(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = null;
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            token = header.substring(BEARER.length()).trim();
        } else if (request.getHeader(PROXY_TOKEN) != null) {
            token = request.getHeader(PROXY_TOKEN).trim();
        }
        return Tokens.wellFormed(token) ? token : null;
    }

    /** One admitted upload; released once, when its body is in or its request ends. */
    private final class Slot {
        private final UUID key;
        private final AtomicBoolean held = new AtomicBoolean(true);

        Slot(UUID key) {
            this.key = key;
        }

        /** True for the call that released it. */
        boolean release() {
            if (!held.compareAndSet(true, false)) {
                return false;
            }
            inFlight.decrementAndGet();
            perKey.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
            return true;
        }
    }
}
