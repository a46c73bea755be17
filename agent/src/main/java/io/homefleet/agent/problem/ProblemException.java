package io.homefleet.agent.problem;

import io.homefleet.common.contract.v1.Problem;

/** Ends a request with an RFC 9457 problem; thrown where the reason is known, mapped to the response once. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException of(int status, String title, String detail) {
        return new ProblemException(Problem.of(status, title, detail));
    }

    public Problem problem() {
        return problem;
    }
}
