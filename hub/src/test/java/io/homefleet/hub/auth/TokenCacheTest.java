package io.homefleet.hub.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.homefleet.common.credential.Tokens;
import io.homefleet.hub.db.PgNotifications;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Eventually;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Valid tokens are remembered for token-cache-ttl, yet anything that ends a token's validity in PostgreSQL (here
 * plain SQL, as another replica would write it) reaches this replica at once, and within about
 * {@link CredentialService#CACHE_TTL} should it stop hearing notifications.
 */
@QuarkusTest
class TokenCacheTest {
    /** Past the short TTL, so only the long one can still answer from memory. */
    private static final Duration PAST_SHORT_TTL = CredentialService.CACHE_TTL.plusMillis(300);
    private static final Duration NOTIFIED_WITHIN = Duration.ofSeconds(1);

    @Inject
    CredentialService credentials;

    @Inject
    PgNotifications notifications;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db db;

    @Test
    void aValidTokenIsRememberedPastTheShortTtl() throws Exception {
        String key = Fleet.hostKey(Fleet.createHost(Fleet.uniqueId("cache-long"), "c1", List.of()));
        awaitListening();
        assertTrue(valid(key));
        // Revoked without the trigger firing: only the cache can still say it is valid.
        withoutTriggers("UPDATE credentials SET revoked_at = now() WHERE token_hash = ?", Tokens.sha256(key));
        Thread.sleep(PAST_SHORT_TTL.toMillis());
        assertTrue(valid(key), "remembered past " + CredentialService.CACHE_TTL);
        // The notification alone drops it.
        db.strings("SELECT pg_notify(?, ?)::text", CredentialService.CHANNEL, hex(key));
        assertTrue(within(NOTIFIED_WITHIN, () -> !valid(key)), "dropped by the notification");
    }

    @Test
    void aRevocationWrittenElsewhereIsRefusedAtOnce() throws Exception {
        String key = Fleet.customerKey(Fleet.createCustomer(Fleet.uniqueId("cache-revoke")));
        awaitListening();
        assertTrue(valid(key));
        Thread.sleep(PAST_SHORT_TTL.toMillis());
        assertTrue(valid(key));
        db.update("UPDATE credentials SET revoked_at = now() WHERE token_hash = ?", Tokens.sha256(key));
        assertTrue(within(NOTIFIED_WITHIN, () -> !valid(key)), "refused within " + NOTIFIED_WITHIN);
    }

    @Test
    void deletingTheHostElsewhereEndsItsKeysAtOnce() throws Exception {
        String host = Fleet.createHost(Fleet.uniqueId("cache-host"), "c1", List.of());
        String key = Fleet.hostKey(host);
        awaitListening();
        assertTrue(valid(key));
        Thread.sleep(PAST_SHORT_TTL.toMillis());
        assertTrue(valid(key));
        db.update("DELETE FROM hosts WHERE id = ?", host);
        assertTrue(within(NOTIFIED_WITHIN, () -> !valid(key)), "refused within " + NOTIFIED_WITHIN);
    }

    @Test
    void deletingTheCustomerElsewhereEndsItsKeysAtOnce() throws Exception {
        String customer = Fleet.createCustomer(Fleet.uniqueId("cache-customer"));
        String key = Fleet.customerKey(customer);
        awaitListening();
        assertTrue(valid(key));
        Thread.sleep(PAST_SHORT_TTL.toMillis());
        assertTrue(valid(key));
        db.update("DELETE FROM customers WHERE id = ?", customer);
        assertTrue(within(NOTIFIED_WITHIN, () -> !valid(key)), "refused within " + NOTIFIED_WITHIN);
    }

    @Test
    void aReplicaThatStopsHearingChangesFallsBackToTheShortTtl() throws Exception {
        String key = Fleet.customerKey(Fleet.createCustomer(Fleet.uniqueId("cache-silent")));
        awaitListening();
        assertTrue(valid(key));
        Thread.sleep(PAST_SHORT_TTL.toMillis());
        assertTrue(valid(key));
        notifications.silence(true); // as if its connection hung: no notifications, no heartbeats
        try {
            Thread.sleep(400); // the listener's current wait for notifications ends
            long revoked = System.nanoTime();
            db.update("UPDATE credentials SET revoked_at = now() WHERE token_hash = ?", Tokens.sha256(key));
            assertTrue(valid(key), "not heard, so still remembered for now");
            Duration fallback = CredentialService.CACHE_TTL.plusSeconds(1);
            assertTrue(within(fallback, () -> !valid(key)), "refused within " + fallback);
            assertTrue(System.nanoTime() - revoked > Duration.ofMillis(500).toNanos(),
                    "it was the fallback, not a notification, that refused it");
        } finally {
            notifications.silence(false);
        }
        awaitListening();
    }

    private boolean valid(String token) {
        return credentials.authenticate(token).isPresent();
    }

    private void awaitListening() throws InterruptedException {
        assertTrue(within(Duration.ofSeconds(5), () -> notifications.usable(CredentialService.CACHE_TTL)),
                "the hub listens for credential changes");
    }

    private static String hex(String token) {
        return java.util.HexFormat.of().formatHex(Tokens.sha256(token));
    }

    private void withoutTriggers(String sql, Object arg) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement(); PreparedStatement ps = c.prepareStatement(sql)) {
                st.execute("SET LOCAL session_replication_role = replica");
                ps.setObject(1, arg);
                ps.executeUpdate();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static boolean within(Duration time, BooleanSupplier condition) throws InterruptedException {
        return Eventually.within(time, Duration.ofMillis(20), condition);
    }
}
