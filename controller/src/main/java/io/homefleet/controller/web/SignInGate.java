package io.homefleet.controller.web;

import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.service.web.CurrentSession;
import io.homefleet.service.web.WebConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With a web password configured, every page and the JSON API need a signed-in browser: a page request without a
 * session goes to the sign-in page, an API request gets 401 problem+json. Without a password everything is open
 * (the log says so at start). The sign-in page and the language switch are always reachable; the assets and the
 * health probes are not served by REST at all. Also refuses a form posted from another site while no session
 * exists (setup mode, the open dashboard), where the session's CSRF token cannot apply: a browser names the page
 * that posted in {@code Origin}.
 */
public class SignInGate {

    @Inject
    WebAccess access;
    @Inject
    CurrentSession session;
    /** Looked up per request: REST filters are built before runtime config mappings exist. */
    @Inject
    Instance<WebConfig> webConfig;
    @Inject
    HttpServerRequest request;

    @ServerRequestFilter
    public Optional<Response> check() {
        String path = request.path();
        WebConfig web = webConfig.get();
        if (isStateChanging() && session.get().isEmpty() && crossSite()) {
            return Optional.of(ProblemResponses.respond(ProblemException.problem(ProblemType.CSRF_REJECTED,
                    "this form was posted from another site (Origin " + request.getHeader("Origin") + ")")));
        }
        if (!access.passwordRequired() || path.equals(web.signInPath()) || path.equals("/language")
                || session.get().isPresent()) {
            return Optional.empty();
        }
        if (web.apiPaths().stream().anyMatch(path::startsWith) || !"GET".equals(request.method().name())) {
            return Optional.of(ProblemResponses.respond(ProblemException.problem(ProblemType.UNAUTHENTICATED,
                    "sign in on " + web.signInPath() + " first: this controller has a web password")));
        }
        String next = URLEncoder.encode(request.uri(), StandardCharsets.UTF_8);
        return Optional.of(Response.seeOther(URI.create(web.signInPath() + "?next=" + next)).build());
    }

    private boolean isStateChanging() {
        String method = request.method().name();
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
    }

    /** Origin present and naming another host than the one asked (the host gate has vetted that one). */
    private boolean crossSite() {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.authority() == null ? null : request.authority().host();
            return uri.getHost() == null || host == null
                    || !uri.getHost().toLowerCase(Locale.ROOT).equals(HostGate.hostName(host));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
