package io.homefleet.service.web;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import io.homefleet.service.auth.AuthConfig;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every state-changing request (POST, PUT, PATCH, DELETE) made with a valid session cookie must carry that session's
 * CSRF token, as the form field {@value #FIELD} or the header {@value #HEADER}; otherwise it is answered 403
 * {@code csrf-rejected} before any endpoint runs, so nothing changes. Checked on the event loop ahead of the REST
 * layer (a form body is read into memory here, within {@code quarkus.http.limits.max-body-size}, and the endpoint
 * reads it from there). Not checked: requests with a bearer credential (API clients, which a browser cannot be made to
 * send cross-site), requests without a valid session (they are refused or served as anonymous), and the sign-in form
 * itself (it has no session yet).
 */
@ApplicationScoped
@IfBuildProperty(name = "homefleet.web.enabled", stringValue = "true")
public class CsrfGuard {
    /** The hidden form field that carries the token. */
    public static final String FIELD = "_csrf";
    /** The header that carries the token for scripts (fetch with a session). */
    public static final String HEADER = "X-CSRF-Token";
    private static final Logger LOG = Logger.getLogger(CsrfGuard.class);
    /** After the body-size check (-1000) and the hub's upload gate (-900), before the REST endpoints. */
    private static final int ORDER = -800;
    private static final String CHECK = CsrfGuard.class.getName() + ".expected";

    @Inject
    WebConfig config;

    @Inject
    AuthConfig auth;

    @Inject
    WebSessions sessions;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        BodyHandler forms = BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue())
                .setMergeFormAttributes(false);
        router.route().order(ORDER).handler(this::start);
        router.route().order(ORDER + 1).handler(ctx -> {
            if (ctx.get(CHECK) != null) {
                forms.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(ORDER + 2).handler(this::finish);
    }

    private void start(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Optional<String> expected = expectedToken(request);
        if (expected.isEmpty()) {
            ctx.next();
            return;
        }
        String header = request.getHeader(HEADER);
        if (header != null || !isForm(request)) {
            decide(ctx, expected.get(), header);
            return;
        }
        ctx.put(CHECK, expected.get()); // a form: the body is read next, then checked in finish
        ctx.next();
    }

    private void finish(RoutingContext ctx) {
        String expected = ctx.get(CHECK);
        if (expected == null) {
            ctx.next();
            return;
        }
        decide(ctx, expected, ctx.request().getFormAttribute(FIELD));
    }

    private void decide(RoutingContext ctx, String expected, String presented) {
        if (presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
            return;
        }
        String detail = presented == null
                ? "this form carries no " + FIELD + " token (or " + HEADER + " header); reload the page and submit again"
                : "this form's " + FIELD + " token does not belong to your session; reload the page and submit again";
        LOG.warnf("Refused %s %s from %s: %s", ctx.request().method(), ctx.request().path(),
                BrowserRequests.clientAddress(ctx.request()), presented == null ? "no CSRF token" : "wrong CSRF token");
        respond(ctx, ProblemException.problem(ProblemType.CSRF_REJECTED, detail).withInstance(ctx.normalizedPath()));
    }

    /** The token a state-changing request of a valid session must carry; empty when no check applies. */
    private Optional<String> expectedToken(HttpServerRequest request) {
        HttpMethod method = request.method();
        boolean changes = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
        if (!changes || SessionMechanism.carriesBearer(request, auth) || request.path().equals(config.signInPath())) {
            return Optional.empty();
        }
        return sessions.read(sessions.presented(request)).map(claims -> claims.session().csrfToken());
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        type = type.toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    private static void respond(RoutingContext ctx, Problem problem) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.fail(e);
            return;
        }
        if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Buffer.buffer(body));
        }
    }
}
