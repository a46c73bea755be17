package io.homefleet.service.auth;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place the 401 and the wrong-kind 403 are worded, for every service: 401 with
 * {@code WWW-Authenticate: Bearer}, and 403 naming both kinds ("host key used where a customer key is required").
 */
public final class AuthProblems {
    public static final String CHALLENGE = "Bearer realm=\"homefleet\"";

    private AuthProblems() {
    }

    /** No credentials at all: says how to send the kinds the endpoint takes (or, unknown, every kind). */
    public static String missing(List<TokenKind> required, String alternativeHeader) {
        String kinds = required.stream().map(k -> withArticle(k) + " (" + k.prefix() + "...)")
                .collect(Collectors.joining(" or "));
        String alternative = alternativeHeader != null && required.contains(TokenKind.PROXY)
                ? ", or '" + alternativeHeader + ": " + TokenKind.PROXY.prefix() + "...'" : "";
        return "missing credentials: send 'Authorization: Bearer <token>' with " + kinds + alternative;
    }

    public static String malformed() {
        return "the bearer token is not a Homefleet token (a kind prefix such as hfc_ followed by 43 characters)";
    }

    public static String unknown(TokenKind kind) {
        return "unknown or revoked " + kind.displayName();
    }

    public static Problem unauthenticatedProblem(String detail, List<TokenKind> required) {
        Problem problem = ProblemException.problem(ProblemType.UNAUTHENTICATED, detail);
        return required.isEmpty() ? problem : problem.with("required", names(required));
    }

    public static Response unauthenticated(String detail, List<TokenKind> required, String instance) {
        return Response.fromResponse(ProblemResponses.respond(
                        unauthenticatedProblem(detail, required).withInstance(instance)))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    public static Response wrongKind(TokenKind presented, List<TokenKind> required, String instance) {
        String wanted = required.stream().map(AuthProblems::withArticle).collect(Collectors.joining(" or "));
        Problem problem = ProblemException.problem(ProblemType.WRONG_CREDENTIAL_KIND,
                        presented.displayName() + " used where " + wanted + " is required")
                .with("required", names(required))
                .with("presented", presented.displayName())
                .withInstance(instance);
        return ProblemResponses.respond(problem);
    }

    /** "customer key", "guest token or operator token". */
    static String names(List<TokenKind> kinds) {
        return kinds.stream().map(TokenKind::displayName).collect(Collectors.joining(" or "));
    }

    static String withArticle(TokenKind kind) {
        String name = kind.displayName();
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
