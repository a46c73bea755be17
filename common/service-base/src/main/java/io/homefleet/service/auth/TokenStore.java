package io.homefleet.service.auth;

import io.homefleet.common.credential.TokenKind;
import java.util.Optional;

/**
 * Where a service keeps its tokens (the hub: hashes in PostgreSQL; the agent: its guest-token log and operator
 * hash file). Exactly one bean per service implements it; the shared mechanism asks it and nothing else.
 */
public interface TokenStore {
    /** Whether this service keeps tokens of {@code kind}, so an unknown one of that kind is a 401. */
    boolean verifies(TokenKind kind);

    /**
     * The caller an active token stands for; empty for an unknown or revoked one. Called on a worker thread, so it
     * may block (a database lookup).
     */
    Optional<Caller> authenticate(String token);

    /**
     * What {@link #authenticate} would answer from memory alone, without blocking: empty when only a blocking lookup
     * can tell. A store with a cache answers here, so a request on the event loop needs no hop to a worker thread.
     */
    default Optional<Optional<Caller>> remembered(String token) {
        return Optional.empty();
    }
}
