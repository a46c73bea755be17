package io.homefleet.service.problem;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the {@code uri} label of the HTTP server metrics to known routes. An endpoint's template ("/api/v1/customers/{id}")
 * is set when the request matches it; a request answered before that (an oversize body, a method or media type the
 * route does not take) would otherwise be labelled with its raw path, so anyone could add label values to the
 * unauthenticated /q/metrics, NUL bytes included. Such requests are labelled with the literal route that answered,
 * else {@value #UNMATCHED}.
 */
@ApplicationScoped
public class BoundedUriLabel {
    static final String UNMATCHED = "UNMATCHED";
    /** Where Quarkus' HTTP metrics look for the matched route template. */
    private static final String TEMPLATE = "UrlPathTemplate";

    void install(@Observes Router router) {
        router.route().order(-2000).handler(ctx -> {
            ctx.addHeadersEndHandler(ended -> bound(ctx));
            ctx.next();
        });
    }

    private static void bound(RoutingContext ctx) {
        if (!(ctx.request() instanceof HttpServerRequestInternal request) || request.context() == null
                || request.context().getLocal(TEMPLATE) != null) {
            return;
        }
        Route route = ctx.currentRoute();
        String path = route == null || route.isRegexPath() ? null : route.getPath();
        request.context().putLocal(TEMPLATE, path == null ? UNMATCHED : path);
    }
}
