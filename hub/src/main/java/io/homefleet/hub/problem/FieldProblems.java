package io.homefleet.hub.problem;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import java.util.List;

/** One 400 invalid-fields problem naming every offending field of a body checked by hand. */
public final class FieldProblems {
    private FieldProblems() {
    }

    /** @param problems "path: why" each, e.g. {@code "identity.domain: not a DNS name"} */
    public static ProblemException invalid(List<String> problems) {
        List<Problem.FieldError> errors = problems.stream().map(p -> {
            int colon = p.indexOf(": ");
            return colon < 0 ? new Problem.FieldError("", p)
                    : new Problem.FieldError(p.substring(0, colon), p.substring(colon + 2));
        }).toList();
        return new ProblemException(ProblemException.problem(ProblemType.INVALID_FIELDS, String.join("; ", problems))
                .withErrors(errors));
    }
}
