package io.homefleet.service.hubclient;

/**
 * The answer to a conditional GET: the document and its ETag, or, when the caller's ETag still matched (304),
 * neither.
 */
public record Conditional<T>(T value, String etag) {
    public static <T> Conditional<T> notModified(String etag) {
        return new Conditional<>(null, etag);
    }

    public boolean isNotModified() {
        return value == null;
    }
}
