package io.homefleet.hub.catalog;

import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What an import found: refusals (one per offending field) and notices (kept with the app). */
final class ImportProblems {
    private final List<Problem.FieldError> refusals = new ArrayList<>();
    private final List<CatalogApp.Notice> notices = new ArrayList<>();

    void refuse(String field, String reason) {
        refusals.add(new Problem.FieldError(field, reason));
    }

    void notice(String field, String message) {
        notices.add(new CatalogApp.Notice(field, message));
    }

    List<CatalogApp.Notice> notices() {
        return List.copyOf(notices);
    }

    boolean refused() {
        return !refusals.isEmpty();
    }

    /** 400 invalid-fields with every refusal in {@code errors}, when there is any. */
    void throwIfRefused() {
        if (refusals.isEmpty()) {
            return;
        }
        String detail = refusals.stream().map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; "));
        throw new ProblemException(ProblemException.problem(ProblemType.INVALID_FIELDS,
                "the app was not imported: " + detail).withErrors(List.copyOf(refusals)));
    }
}
