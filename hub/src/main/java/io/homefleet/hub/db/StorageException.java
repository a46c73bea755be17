package io.homefleet.hub.db;

/**
 * The database could not be reached (or did not answer in time); callers get 503 storage-unavailable with
 * Retry-After and should try again later. Only for such failures: data errors and conflicts are not outages
 * ({@link Sql#failure}).
 */
public class StorageException extends RuntimeException {
    /** What the client is told; the default says nothing was stored. */
    private final String detail;

    public StorageException(String message, Throwable cause) {
        this(message, "the hub cannot reach its database; nothing was stored, try again later", cause);
    }

    public StorageException(String message, String detail, Throwable cause) {
        super(message, cause);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }
}
