package io.homefleet.hub.db;

/** The database could not do what was asked; callers get 503 with Retry-After and should try again later. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
