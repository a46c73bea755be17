package io.homefleet.controller.web;

import io.homefleet.common.json.Json;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Serves only the host names this controller answers to (by default {@code <prefix>.<customer domain>} and the
 * loopback names); any other {@code Host} header gets a 404 before any page, asset or API is reached. The health
 * probes under {@code /q/health} stay reachable by any name, since container and systemd probes call the
 * address, not a name; they reveal nothing but up/down.
 */
@ApplicationScoped
public class HostGate {
    private static final Logger LOG = Logger.getLogger(HostGate.class);
    /** Runs before authentication and every route. */
    private static final int PRIORITY = 1000;

    @Inject
    WebAccess access;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        if (path != null && (path.equals("/q/health") || path.startsWith("/q/health/"))) {
            ctx.next();
            return;
        }
        String host = hostName(request.authority() == null ? request.getHeader("Host") : request.authority().host());
        if (host != null && access.servesHost(host)) {
            ctx.next();
            return;
        }
        LOG.debugf("host gate: %s not served (path %s)", host, path);
        ctx.response().setStatusCode(404)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(notFound());
    }

    /** The host part in lower case, without a port or IPv6 brackets, or null when there is none. */
    static String hostName(String authority) {
        if (authority == null || authority.isBlank()) {
            return null;
        }
        String host = authority.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? null : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf(':', colon + 1) < 0) {
            host = host.substring(0, colon);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static String notFound() {
        try {
            return Json.mapper().writeValueAsString(new Problem(ProblemType.NOT_FOUND.uri(),
                    ProblemType.NOT_FOUND.title(), 404, "nothing is served under this host name", null, null, null));
        } catch (Exception e) {
            return "{\"status\":404}";
        }
    }
}
