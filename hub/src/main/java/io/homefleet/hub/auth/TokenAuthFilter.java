package io.homefleet.hub.auth;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.hub.problem.ProblemMappers;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every endpoint marked {@link RequiresToken} before its body is read: no token or an
 * unknown/revoked one → 401; a valid token of another kind → 403 naming both kinds (never a silent refusal).
 */
public class TokenAuthFilter {
    private static final String BEARER = "Bearer ";
    /** Accepted besides Authorization on endpoints that require a sensor-proxy token. */
    static final String PROXY_TOKEN = "X-Proxy-Token";

    @Inject
    CredentialService credentials;

    @Inject
    CurrentCaller currentCaller;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        RequiresToken required = resource.getResourceMethod() == null ? null
                : Optional.ofNullable(resource.getResourceMethod().getAnnotation(RequiresToken.class))
                        .orElse(resource.getResourceClass().getAnnotation(RequiresToken.class));
        if (required == null) {
            return Optional.empty();
        }
        TokenKind kind = required.value();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token;
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            token = header.substring(BEARER.length()).trim();
        } else if (kind == TokenKind.PROXY && request.getHeaderString(PROXY_TOKEN) != null) {
            // Sensor proxies written against the seed send their control token in this header instead.
            token = request.getHeaderString(PROXY_TOKEN).trim();
        } else {
            return deny(401, "missing credentials: send 'Authorization: Bearer " + kind.prefix() + "...'"
                    + (kind == TokenKind.PROXY ? " or '" + PROXY_TOKEN + ": " + kind.prefix() + "...'" : "")
                    + " (a " + kind.displayName() + ")", kind);
        }
        if (!Tokens.wellFormed(token)) {
            return deny(401, "the bearer token is not a Homefleet token (expected " + kind.prefix()
                    + " followed by 43 characters)", kind);
        }
        Optional<Caller> caller = credentials.authenticate(token);
        if (caller.isEmpty()) {
            return deny(401, "unknown or revoked " + TokenKind.of(token).map(TokenKind::displayName).orElse("token"),
                    kind);
        }
        if (caller.get().kind() != kind) {
            String presented = caller.get().kind().displayName();
            return Optional.of(ProblemMappers.respond(Problem.of(403, "Wrong kind of credential",
                            presented + " used where a " + kind.displayName() + " is required")
                    .with("required", kind.displayName())
                    .with("presented", presented)
                    .withInstance(request.getUriInfo().getPath())));
        }
        currentCaller.set(caller.get());
        return Optional.empty();
    }

    private static Optional<Response> deny(int status, String detail, TokenKind kind) {
        Problem problem = Problem.of(status, "Unauthorized", detail).with("required", kind.displayName());
        return Optional.of(Response.fromResponse(ProblemMappers.respond(problem))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"homefleet\"").build());
    }
}
