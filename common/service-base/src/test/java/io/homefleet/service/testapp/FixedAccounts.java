package io.homefleet.service.testapp;

import io.homefleet.service.web.Account;
import io.homefleet.service.web.AccountStore;
import io.homefleet.service.web.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A few browser accounts; tests may replace one (a changed password, a removed account). */
@ApplicationScoped
public class FixedAccounts implements AccountStore {
    public static final String PASSWORD = "correct horse battery";
    public static final String VIEWER_ROLE = "web-viewer";

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    public FixedAccounts() {
        String hash = PasswordHasher.hash(PASSWORD, 4);
        for (String name : new String[] {"alice", "carol", "dave", "erin", "frank", "grace"}) {
            put(new Account(name, hash, Set.of(VIEWER_ROLE), false));
        }
        put(new Account("bob", hash, Set.of(VIEWER_ROLE), true));
    }

    public void put(Account account) {
        accounts.put(account.name(), account);
    }

    public void remove(String name) {
        accounts.remove(name);
    }

    @Override
    public Optional<Account> find(String name) {
        return Optional.ofNullable(accounts.get(name));
    }
}
