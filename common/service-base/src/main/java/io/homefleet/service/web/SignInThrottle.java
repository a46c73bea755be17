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
 * Counts failed sign-ins in a sliding window ({@code homefleet.web.throttle.*}) per account name <em>and</em> client
 * address pair, per client address, and per account name from every address together (a much higher ceiling against
 * guessing spread over many addresses); at a limit further attempts are refused until the oldest failure leaves the
 * window, without checking the password. The pair, not the name alone, carries the low limit so that someone guessing
 * from elsewhere cannot lock the account's owner out. Kept in memory per replica (a restart forgets it; bcrypt's cost
 * still bounds guessing).
 */
@ApplicationScoped
public class SignInThrottle {
    /** Beyond this many tracked names or addresses, windows that have passed are dropped at once. */
    private static final int PRUNE_ABOVE = 10_000;

    @Inject
    WebConfig config;

    private final Map<String, Deque<Instant>> byAccountAndAddress = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAccount = new ConcurrentHashMap<>();

    /** How long until {@code account} from {@code address} may try again; empty when it may now. */
    public Optional<Duration> retryAfter(String account, String address, Instant now) {
        WebConfig.Throttle limits = config.throttle();
        Duration window = limits.window();
        return java.util.stream.Stream.of(
                        wait(byAccountAndAddress.get(pair(account, address)), limits.perAccount(), window, now),
                        wait(byAddress.get(address), limits.perAddress(), window, now),
                        wait(byAccount.get(key(account)), limits.perAccountAllAddresses(), window, now))
                .flatMap(Optional::stream).max(Duration::compareTo);
    }

    /** Records a failed attempt; answers the failures now counted against the account from this address. */
    public int failed(String account, String address, Instant now) {
        prune(now);
        record(byAddress, address, now);
        record(byAccount, key(account), now);
        return record(byAccountAndAddress, pair(account, address), now);
    }

    /**
     * A successful sign-in forgets the account's failures from that address (not the address's own count, nor the
     * account's failures from elsewhere: the right password from here says nothing about guesses from there).
     */
    public void succeeded(String account, String address) {
        byAccountAndAddress.remove(pair(account, address));
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
        for (Map<String, Deque<Instant>> map : java.util.List.of(byAccountAndAddress, byAddress, byAccount)) {
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

    private static String pair(String account, String address) {
        return key(account) + "\u0000" + address;
    }

    private static String key(String account) {
        return account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
    }
}
