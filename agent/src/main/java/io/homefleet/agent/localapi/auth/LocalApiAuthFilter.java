package io.homefleet.agent.localapi.auth;

import io.homefleet.agent.problem.ProblemMappers;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.credential.TokenKind;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Authenticates every local-API request by its bearer token: a guest token ({@code hfg_}) or the operator token
 * ({@code hfo_}). A token of another kind is refused naming both kinds, so a misplaced credential is obvious.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class LocalApiAuthFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resource;

    // A provider, not the bean: filters are built before runtime configuration (agent.yaml's location) exists.
    @Inject
    jakarta.inject.Provider<LocalApiCredentials> credentialsProvider;

    @Inject
    CurrentCaller currentCaller;

    @Override
    public void filter(ContainerRequestContext request) {
        Access access = Optional.ofNullable(resource.getResourceMethod().getAnnotation(Access.class))
                .orElse(resource.getResourceClass().getAnnotation(Access.class));
        if (access == null) {
            return; // not a local-API endpoint (health, metrics, openapi)
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            abort(request, 401, "Authentication required",
                    "send Authorization: Bearer <guest token (hfg_) or operator token (hfo_)>");
            return;
        }
        String token = header.substring(7).strip();
        LocalApiCredentials credentials = credentialsProvider.get();
        Optional<TokenKind> kind = TokenKind.of(token);
        String required = access.value() == Access.Level.OPERATOR ? "an operator token" : "a guest token or an operator token";
        if (kind.isEmpty()) {
            abort(request, 401, "Unknown credential", "the bearer token is not a Homefleet token; " + required + " is required");
            return;
        }
        Caller caller;
        switch (kind.get()) {
            case OPERATOR -> {
                if (!credentials.operator().matches(token)) {
                    abort(request, 401, "Unknown credential", "the operator token is not valid on this host");
                    return;
                }
                caller = Caller.operator();
            }
            case GUEST -> {
                if (access.value() == Access.Level.OPERATOR) {
                    abort(request, 403, "Wrong credential kind", "guest token used where an operator token is required");
                    return;
                }
                Optional<Integer> vmid = credentials.guests().vmidOf(token);
                if (vmid.isEmpty()) {
                    abort(request, 401, "Unknown credential", "the guest token is unknown or revoked");
                    return;
                }
                caller = Caller.guest(vmid.get());
            }
            default -> {
                abort(request, 403, "Wrong credential kind", kind.get().displayName() + " used where " + required
                        + " is required");
                return;
            }
        }
        currentCaller.set(caller);
    }

    private static void abort(ContainerRequestContext request, int status, String title, String detail) {
        var response = ProblemMappers.respond(Problem.of(status, title, detail).withInstance(request.getUriInfo().getPath()));
        if (status == 401) {
            response = jakarta.ws.rs.core.Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"homefleet-agent\"").build();
        }
        request.abortWith(response);
    }
}
