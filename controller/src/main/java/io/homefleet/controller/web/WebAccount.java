package io.homefleet.controller.web;

import io.homefleet.service.web.Account;
import io.homefleet.service.web.AccountStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * The controller's one browser account: the customer, signing in with controller.yaml's {@code web.password_hash}.
 * No account exists while no password is configured (the pages are open then).
 */
@ApplicationScoped
public class WebAccount implements AccountStore {
    /** The account's name; the sign-in form asks only for the password. */
    public static final String NAME = "customer";
    public static final String ROLE = "controller-customer";

    @Inject
    WebAccess access;

    @Override
    public Optional<Account> find(String name) {
        if (!NAME.equals(name)) {
            return Optional.empty();
        }
        return access.passwordHash().map(hash -> new Account(NAME, hash, Set.of(ROLE), false));
    }
}
