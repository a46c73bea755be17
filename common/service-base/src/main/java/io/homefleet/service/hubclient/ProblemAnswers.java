package io.homefleet.service.hubclient;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Turns an error answer into a {@link HubException}: the one place a problem+json body from the hub is read. */
final class ProblemAnswers {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_TEXT = 200;

    private ProblemAnswers() {
    }

    static HubException toException(int status, byte[] body, Duration retryAfter) {
        Problem problem = parse(body);
        String message = "HTTP " + status + ": " + words(problem, body);
        HubException.Kind kind = status == 429 ? HubException.Kind.RATE_LIMITED : HubException.Kind.REFUSED;
        return new HubException(kind, status, message, problem, retryAfter);
    }

    /** The body as a problem when it is one (a JSON object with a type, title or detail), else null. */
    static Problem parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            Problem problem = JSON.readValue(body, Problem.class);
            return problem != null && (problem.type() != null || problem.title() != null || problem.detail() != null)
                    ? problem : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The hub's words: the problem's detail, else its title, else the start of the body as one line of text. */
    private static String words(Problem problem, byte[] body) {
        if (problem != null && problem.detail() != null && !problem.detail().isBlank()) {
            return problem.detail();
        }
        if (problem != null && problem.title() != null && !problem.title().isBlank()) {
            return problem.title();
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
        return text.isEmpty() ? "(no body)" : text.replaceAll("\\p{Cntrl}", " ");
    }
}
