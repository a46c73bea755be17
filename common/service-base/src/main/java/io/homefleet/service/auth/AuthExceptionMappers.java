package io.homefleet.service.auth;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.vertx.ext.web.RoutingContext;
import io.homefleet.service.web.BrowserRequests;
import io.homefleet.service.web.WebConfig;
import io.homefleet.service.web.WebPasswordChange;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers the security checks of {@code @RolesAllowed} endpoints: 401 when no valid token came (naming the kinds
 * the endpoint takes), 403 naming both kinds when a token of another kind came. Quarkus' own answers to these have
 * no body. Where browser sign-in is enabled ({@code homefleet.web.enabled}), a page request without a session is
 * redirected to the sign-in page instead, and one whose account must change its password to that page.
 */
public class AuthExceptionMappers {
    @Inject
    AuthConfig config;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    WebConfig web;

    @ServerExceptionMapper
    public Response noCredentials(UnauthorizedException e, UriInfo uri, ResourceInfo resource, RoutingContext context) {
        if (web.enabled() && context != null && BrowserRequests.isPageRequest(context.request(), web.apiPaths())) {
            return Response.status(Response.Status.FOUND)
                    .location(java.net.URI.create(BrowserRequests.signInLocation(web.signInPath(), context.request())))
                    .build();
        }
        List<TokenKind> required = requiredKinds(resource);
        return AuthProblems.unauthenticated(AuthProblems.missing(required.isEmpty()
                        ? Arrays.asList(TokenKind.values()) : required, config.alternativeTokenHeader().orElse(null)),
                required, uri.getPath());
    }

    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e, UriInfo uri, ResourceInfo resource,
                                   RoutingContext context) {
        String detail = Optional.ofNullable(context == null ? null : (String) context.get(BearerTokenMechanism.FAILURE))
                .orElse(e.getMessage() != null ? e.getMessage() : AuthProblems.malformed());
        return AuthProblems.unauthenticated(detail, requiredKinds(resource), uri.getPath());
    }

    @ServerExceptionMapper
    public Response wrongCredentials(ForbiddenException e, UriInfo uri, ResourceInfo resource, RoutingContext context) {
        if (web.enabled() && context != null && WebPasswordChange.pending(identities.getIdentity())
                && BrowserRequests.isPageRequest(context.request(), web.apiPaths())) {
            return Response.seeOther(java.net.URI.create(web.changePasswordPath())).build();
        }
        List<TokenKind> required = requiredKinds(resource);
        TokenKind presented = TokenIdentities.presentedKind(identities.getIdentity());
        if (presented == null || required.isEmpty()) {
            return ProblemResponses.respond(ProblemException.problem(ProblemType.FORBIDDEN,
                    "this credential may not use " + uri.getPath()).withInstance(uri.getPath()));
        }
        return AuthProblems.wrongKind(presented, required, uri.getPath());
    }

    /** The token kinds the endpoint's {@code @RolesAllowed} (on the method, else its class) admits. */
    static List<TokenKind> requiredKinds(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null) {
            return List.of();
        }
        return Arrays.stream(allowed.value()).map(Roles::kindOf).flatMap(Optional::stream).toList();
    }
}
