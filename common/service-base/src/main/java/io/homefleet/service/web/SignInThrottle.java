package io.homefleet.service.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per account name and per client address in a sliding window
 * ({@code homefleet.web.throttle.*}); at the limit further attempts are refused until the oldest failure leaves the
 * window, without checking the password. Kept in memory per replica (a restart forgets it; bcrypt's cost still
 * bounds guessing).
 */
@ApplicationScoped
public class SignInThrottle {
    /** Beyond this many tracked names or addresses, windows that have passed are dropped at once. */
    private static final int PRUNE_ABOVE = 10_000;

    @Inject
    WebConfig config;

    private final Map<String, Deque<Instant>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();

    /** How long until {@code account} from {@code address} may try again; empty when it may now. */
    public Optional<Duration> retryAfter(String account, String address, Instant now) {
        Duration window = config.throttle().window();
        Optional<Duration> a = wait(byAccount.get(key(account)), config.throttle().perAccount(), window, now);
        Optional<Duration> b = wait(byAddress.get(address), config.throttle().perAddress(), window, now);
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
        }
        return a.isPresent() ? a : b;
    }

    /** Records a failed attempt; answers the failures now counted against the account in the window. */
    public int failed(String account, String address, Instant now) {
        prune(now);
        record(byAddress, address, now);
        return record(byAccount, key(account), now);
    }

    /** A successful sign-in forgets the account's failures (not the address's). */
    public void succeeded(String account) {
        byAccount.remove(key(account));
    }

    private int record(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (failures) {
            drop(failures, now.minus(config.throttle().window()));
            failures.addLast(now);
            return failures.size();
        }
    }

    private static Optional<Duration> wait(Deque<Instant> failures, int limit, Duration window, Instant now) {
        if (failures == null) {
            return Optional.empty();
        }
        synchronized (failures) {
            drop(failures, now.minus(window));
            if (failures.size() < limit) {
                return Optional.empty();
            }
            // the failure whose leaving brings the count under the limit
            Instant pivot = failures.stream().skip(failures.size() - limit).findFirst().orElseThrow();
            Duration left = Duration.between(now, pivot.plus(window));
            return Optional.of(left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left);
        }
    }

    private static void drop(Deque<Instant> failures, Instant before) {
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(before)) {
            failures.removeFirst();
        }
    }

    private void prune(Instant now) {
        Instant before = now.minus(config.throttle().window());
        for (Map<String, Deque<Instant>> map : java.util.List.of(byAccount, byAddress)) {
            if (map.size() > PRUNE_ABOVE) {
                map.values().removeIf(failures -> {
                    synchronized (failures) {
                        drop(failures, before);
                        return failures.isEmpty();
                    }
                });
            }
        }
    }

    private static String key(String account) {
        return account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
    }
}
