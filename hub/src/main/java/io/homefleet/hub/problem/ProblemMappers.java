package io.homefleet.hub.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.homefleet.common.contract.v1.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an RFC 9457 problem: a message a person can act on, never a stack trace. */
public class ProblemMappers {
    /** Resources name their request-body parameter {@code body}; a violation on it is about the whole body. */
    static final String BODY = "body";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem().withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response sharedProblem(io.homefleet.service.problem.ProblemException e, UriInfo uri) {
        return respond(e.problem().withInstance(uri.getPath()));
    }

    // Quarkus ships mappers for the concrete Jackson exceptions that answer with an empty 400; these take over.
    @ServerExceptionMapper
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return invalidJson(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return invalidJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return invalidJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "Malformed request body", describe(e))
                .withErrors(fieldOf(e).map(f -> List.of(new Problem.FieldError(f, reason(e)))).orElse(null))
                .withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response invalidValues(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(jsonPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream()
                .map(f -> f.field().equals(BODY) ? f.message() : f.field() + ": " + f.message())
                .collect(Collectors.joining("; "));
        return respond(Problem.of(400, "Invalid request", detail).withErrors(errors).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(Problem.of(status, "Server error", "the hub could not handle this request")
                    .withInstance(uri.getPath()));
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidJson(json, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource: " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 406 -> "this resource answers application/json only";
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        return respond(Problem.of(status, title, detail).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response storageDown(io.homefleet.hub.db.StorageException e, UriInfo uri) {
        LOG.errorf("Database failure on %s: %s", uri.getPath(), e.getMessage());
        return Response.fromResponse(respond(Problem.of(503, "Service unavailable",
                        "the hub cannot reach its database; nothing was stored, try again later")
                        .withInstance(uri.getPath())))
                .header("Retry-After", "30").build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return respond(Problem.of(500, "Server error", "the hub could not handle this request; see its log")
                .withInstance(uri.getPath()));
    }

    private static String describe(JsonProcessingException e) {
        String field = fieldOf(e).orElse(null);
        String reason = reason(e);
        return field == null ? "the body is not valid JSON: " + reason : field + ": " + reason;
    }

    private static String reason(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException vi && vi.getCause() != null) {
            return vi.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException inf) {
            Class<?> target = inf.getTargetType();
            if (target != null && target.isEnum()) {
                return "'" + inf.getValue() + "' is not one of " + Arrays.toString(enumWireNames(target));
            }
            return "'" + inf.getValue() + "' is not a valid " + simpleType(target);
        }
        if (e instanceof MismatchedInputException mi) {
            return "expected " + simpleType(mi.getTargetType());
        }
        String msg = e.getOriginalMessage();
        return msg == null ? "unreadable" : msg.lines().findFirst().orElse(msg);
    }

    private static String[] enumWireNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> {
                    try {
                        var f = enumType.getField(((Enum<?>) c).name());
                        var p = f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                        return p != null ? p.value() : c.toString().toLowerCase(java.util.Locale.ROOT);
                    } catch (NoSuchFieldException ex) {
                        return c.toString();
                    }
                })
                .toArray(String[]::new);
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (type == java.time.Instant.class) {
            return "ISO-8601 timestamp";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }

    private static java.util.Optional<String> fieldOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException jm) || jm.getPath().isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : jm.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(sb.toString());
    }

    /** "ingest.report.health.status" (method, parameter, Java names) → "health.status" (the JSON path). */
    static String jsonPath(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE -> parts.clear();
                case PARAMETER -> {
                    parts.clear();
                    parts.add("$" + node.getName());
                }
                default -> {
                    String name = node.getName() == null ? "" : SNAKE.translate(node.getName());
                    String index = node.getIndex() != null ? "[" + node.getIndex() + "]" : "";
                    if (node.isInIterable() && !parts.isEmpty()) {
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
                    }
                    if (!name.isEmpty() && !name.startsWith("<")) {
                        parts.add(name);
                    }
                }
            }
        }
        // A body parameter is the document root; a path or query parameter keeps its own name.
        if (!parts.isEmpty() && parts.get(0).startsWith("$")) {
            String param = parts.remove(0).substring(1);
            if (parts.isEmpty()) {
                parts.add(param);
            }
        }
        return String.join(".", parts);
    }
}
