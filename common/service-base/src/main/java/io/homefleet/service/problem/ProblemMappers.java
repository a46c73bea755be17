package io.homefleet.service.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.db.StorageFailureProblems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of every service into an RFC 9457 problem with a documented {@link ProblemType}: a message a
 * person can act on, every rejected field with its JSON path, never a stack trace. Quarkus ships mappers of its own
 * for several concrete exceptions (Jackson's, its security ones) that would answer with an empty body; a mapper
 * for the same concrete type here takes precedence, so each of those is named explicitly.
 */
public class ProblemMappers {
    /** A violation on the request body as a whole (a missing body) is reported as this field. */
    static final String BODY = "body";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    /** Annotations that make a resource-method parameter something other than the body. */
    private static final Set<String> PARAMETER_ANNOTATIONS = Set.of("PathParam", "QueryParam", "HeaderParam",
            "CookieParam", "FormParam", "MatrixParam", "BeanParam", "Context", "RestPath", "RestQuery", "RestHeader",
            "RestCookie", "RestForm", "RestMatrix");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return ProblemResponses.respond(e.problem().withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response undefinedJson(InvalidDefinitionException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return ProblemResponses.respond(jsonProblem(e).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response invalidValues(ConstraintViolationException e, UriInfo uri, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(jsonPath(v, method), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream()
                .map(f -> !f.field().equals(BODY) ? f.field() + ": " + f.message()
                        : f.message().contains("body") ? f.message() : "the request body: " + f.message())
                .collect(Collectors.joining("; "));
        return ProblemResponses.respond(ProblemException.problem(ProblemType.INVALID_FIELDS, detail)
                .withErrors(errors).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed", uri.getPath());
            return unexpectedProblem(uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "no such resource: " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 406 -> "this resource cannot answer in the media type the Accept header asks for";
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        Problem problem = new Problem(type.uri(), type.title(), status, detail, uri.getPath(), null, null);
        Response.ResponseBuilder response = ProblemResponses.builder(problem);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    /**
     * A form body that is not URL encoding ({@code name=%ZZ}) fails in the framework's form reader, before any resource
     * runs, as an IllegalArgumentException: the client's mistake. Any other IllegalArgumentException is the service's.
     */
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        StackTraceElement[] at = e.getStackTrace();
        if (at.length > 0 && at[0].getClassName().endsWith(".URLUtils")) {
            return ProblemResponses.respond(ProblemException.problem(ProblemType.MALFORMED_BODY,
                    "the form body is not URL-encoded text: " + e.getMessage()).withInstance(uri.getPath()));
        }
        return unexpected(e, uri);
    }

    /**
     * Anything else: a database failure gets what {@link StorageFailureProblems} says (a lost insert race is a 409, an
     * unreachable database a 503 with Retry-After); the rest is a fault of the service, logged once here and answered
     * with one shape.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<Problem> storage = StorageFailureProblems.of(e);
        if (storage.isPresent()) {
            Problem problem = storage.get().withInstance(uri.getPath());
            if (problem.status() == 503) {
                LOG.errorf("Database unreachable on %s: %s", uri.getPath(), e.getMessage());
            } else {
                LOG.debugf("Database refused the request on %s: %s", uri.getPath(), e.getMessage());
            }
            return StorageFailureProblems.respond(problem);
        }
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return unexpectedProblem(uri);
    }

    private static Response unexpectedProblem(UriInfo uri) {
        return ProblemResponses.respond(ProblemException.problem(ProblemType.INTERNAL_ERROR,
                "the service could not handle this request; see its log").withInstance(uri.getPath()));
    }

    /** What a body the JSON reader refused deserves: which field, and why. */
    static Problem jsonProblem(JsonProcessingException e) {
        Optional<String> field = fieldOf(e);
        String reason = reason(e);
        if (e instanceof JsonParseException) {
            return ProblemException.problem(ProblemType.MALFORMED_BODY, "the body is not valid JSON: " + reason);
        }
        if (field.isEmpty() && !(e instanceof ValueInstantiationException)) {
            String detail = isEndOfInput(e) ? "the request body is empty; send a JSON object"
                    : "the body is not what this endpoint reads: " + reason;
            return ProblemException.problem(ProblemType.MALFORMED_BODY, detail);
        }
        String name = field.orElse(BODY);
        return ProblemException.problem(ProblemType.INVALID_FIELDS, name + ": " + reason)
                .withErrors(List.of(new Problem.FieldError(name, reason)));
    }

    private static boolean isEndOfInput(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message != null && message.contains("end-of-input");
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
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return "expected " + simpleType(mi.getTargetType());
        }
        String msg = e.getOriginalMessage();
        return msg == null ? "unreadable" : msg.lines().findFirst().orElse(msg);
    }

    private static String[] enumWireNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> {
                    try {
                        JsonProperty p = enumType.getField(((Enum<?>) c).name()).getAnnotation(JsonProperty.class);
                        return p != null ? p.value() : c.toString().toLowerCase(Locale.ROOT);
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
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 timestamp";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }

    /** The JSON path Jackson was at: {@code storage[0].total}. */
    static Optional<String> fieldOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException jm) || jm.getPath().isEmpty()) {
            return Optional.empty();
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
        return sb.isEmpty() ? Optional.empty() : Optional.of(sb.toString());
    }

    /**
     * "ingest.report.health.status" (method, parameter, Java names) → "health.status" (the JSON path); a violation
     * on a path or query parameter keeps the parameter's name, one on the body as a whole is {@link #BODY}.
     */
    static String jsonPath(ConstraintViolation<?> violation, Method method) {
        List<String> parts = new ArrayList<>();
        boolean body = false;
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE -> parts.clear();
                case PARAMETER -> {
                    parts.clear();
                    parameter = node.getName();
                    body = isBody(method, node.as(Path.ParameterNode.class).getParameterIndex());
                }
                default -> {
                    String name = node.getName() == null ? "" : SNAKE.translate(node.getName());
                    String index = node.getIndex() != null ? "[" + node.getIndex() + "]"
                            : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                    if (node.isInIterable() && !parts.isEmpty()) {
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
                    }
                    if (!name.isEmpty() && !name.startsWith("<")) {
                        parts.add(name);
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            return body || parameter == null ? BODY : parameter;
        }
        return String.join(".", parts);
    }

    private static boolean isBody(Method method, int index) {
        if (method == null || index < 0 || index >= method.getParameterCount()) {
            return false;
        }
        for (Annotation annotation : method.getParameterAnnotations()[index]) {
            if (PARAMETER_ANNOTATIONS.contains(annotation.annotationType().getSimpleName())) {
                return false;
            }
        }
        return true;
    }
}
