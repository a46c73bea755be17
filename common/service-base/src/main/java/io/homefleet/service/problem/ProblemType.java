package io.homefleet.service.problem;

import java.net.URI;

/**
 * Every kind of problem a Homefleet service answers with, each with a stable {@code type} URI
 * ({@code urn:homefleet:problem:<slug>}), its HTTP status and its title. Clients switch on the URI, never on the
 * title or detail; the same situation has the same type and title in every service. docs/errors.md lists each one
 * with its meaning; a test keeps the two in step. Add a constant (and a line in docs/errors.md) for a new kind.
 */
public enum ProblemType {
    MALFORMED_BODY("malformed-body", 400, "Malformed request body"),
    INVALID_FIELDS("invalid-fields", 400, "Invalid fields"),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter"),
    BAD_REQUEST("bad-request", 400, "Bad request"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
    WRONG_CREDENTIAL_KIND("wrong-credential-kind", 403, "Wrong credential kind"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    CSRF_REJECTED("csrf-rejected", 403, "Form token missing or wrong"),
    APPROVAL_REQUIRED("approval-required", 403, "Operator approval required"),
    DEVICE_IN_USE("device-in-use", 403, "Device in live use"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    REQUEST_TIMEOUT("request-timeout", 408, "Request body not received in time"),
    CONFLICT("conflict", 409, "Conflict"),
    FORMAT_REFUSED("format-refused", 409, "Format refused by the host"),
    CUSTOMER_NOT_MANAGED("customer-not-managed", 409, "Customer has no managed config"),
    NOT_CONFIGURED("not-configured", 409, "Not configured"),
    BODY_TOO_LARGE("body-too-large", 413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    OPERATION_FAILED("operation-failed", 500, "Operation failed"),
    UPSTREAM_FAILED("upstream-failed", 502, "Upstream request failed"),
    STORAGE_UNAVAILABLE("storage-unavailable", 503, "Storage unavailable"),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", 503, "Dependency unavailable");

    public static final String PREFIX = "urn:homefleet:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public URI asUri() {
        return URI.create(uri());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type for a status the HTTP layer chose itself (404, 405, ...); {@link #BAD_REQUEST} for other 4xx. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 502 -> UPSTREAM_FAILED;
            case 503 -> DEPENDENCY_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }

    /** The type a problem+json body names, or null when it is not one of ours (another server's, about:blank). */
    public static ProblemType fromUri(String uri) {
        if (uri == null || !uri.startsWith(PREFIX)) {
            return null;
        }
        String wanted = uri.substring(PREFIX.length());
        for (ProblemType type : values()) {
            if (type.slug.equals(wanted)) {
                return type;
            }
        }
        return null;
    }
}
