package io.homefleet.service.problem;

import io.homefleet.common.contract.v1.Problem;

/**
 * Ends a request with an RFC 9457 problem: thrown where the reason is known, mapped to the response once by the
 * shared mappers. Carries no stack trace (it is an answer, not a fault).
 */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The same problem with one more member that helps the caller (e.g. {@code limit_bytes}). */
    public ProblemException with(String name, Object value) {
        return new ProblemException(problem.with(name, value));
    }

    /** A problem of {@code type} with its standard status and title. */
    public static ProblemException of(ProblemType type, String detail) {
        return new ProblemException(problem(type, detail));
    }

    public static Problem problem(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null, null);
    }

    public static ProblemException badRequest(String detail) {
        return of(ProblemType.INVALID_PARAMETER, detail);
    }

    public static ProblemException notFound(String detail) {
        return of(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return of(ProblemType.CONFLICT, detail);
    }

    public static ProblemException forbidden(String detail) {
        return of(ProblemType.FORBIDDEN, detail);
    }

    public static ProblemException unauthorized(String detail) {
        return of(ProblemType.UNAUTHENTICATED, detail);
    }
}
