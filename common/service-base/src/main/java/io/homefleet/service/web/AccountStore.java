package io.homefleet.service.web;

import java.util.Optional;

/**
 * Where a service keeps its browser accounts (the hub: operators in PostgreSQL). Exactly one bean per service that
 * sets {@code homefleet.web.enabled=true}. Called on a worker thread, so it may block; it is asked at sign-in and on
 * every request carrying a session (so a removed account, a changed role or a changed password takes effect at
 * once), so a store with many page views may cache briefly.
 */
public interface AccountStore {
    /** The account called {@code name}, or empty when there is none. */
    Optional<Account> find(String name);
}
