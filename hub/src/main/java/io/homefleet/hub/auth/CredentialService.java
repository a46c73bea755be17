package io.homefleet.hub.auth;

import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.service.auth.Caller;
import io.homefleet.service.auth.TokenStore;
import io.homefleet.hub.db.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import io.agroal.api.AgroalDataSource;
import io.homefleet.hub.db.Sql;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Issues, rotates, revokes and checks credentials of every kind: the hub's token store. */
@ApplicationScoped
public class CredentialService implements TokenStore {
    /** last_used_at is a hint for operators; writing it on every request would double the ingest cost. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    /** How long any answer is remembered, and how stale what the listener heard may be for the longer TTL. */
    static final Duration CACHE_TTL = Duration.ofSeconds(2);
    static final String CHANNEL = "credential_changes";
    private static final int CACHE_MAX = 100_000;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Moves on every notification and reset; a lookup that saw it move is remembered for the short TTL only. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile long shortTtlNanos = CACHE_TTL.toNanos();
    private volatile long longTtlNanos = CACHE_TTL.toNanos();
    private volatile boolean notified;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    @Inject
    PgNotifications notifications;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    void start(@Observes StartupEvent event) {
        long ttl = Math.max(0, config.auth().tokenCacheTtl().toNanos());
        shortTtlNanos = Math.min(ttl, CACHE_TTL.toNanos());
        longTtlNanos = ttl;
        if (ttl <= CACHE_TTL.toNanos()) {
            return;
        }
        notifications.subscribe(CHANNEL, CACHE_TTL, new PgNotifications.Handler() {
            @Override
            public void notified(String tokenHash) {
                epoch.incrementAndGet();
                if ("*".equals(tokenHash)) {
                    cache.clear();
                } else {
                    cache.remove(tokenHash);
                }
            }

            @Override
            public void reset() {
                epoch.incrementAndGet();
                cache.clear();
            }
        });
        notified = true;
    }

    /** Issues a new credential for a customer or a host; the returned key is the only copy of the secret. */
    @Transactional
    public IssuedKey issue(TokenKind kind, String customerId, String hostId) {
        String token = Tokens.generate(kind);
        CredentialEntity c = new CredentialEntity();
        c.id = UUID.randomUUID();
        c.kind = kind;
        c.customerId = customerId;
        c.hostId = hostId;
        c.tokenHash = Tokens.sha256(token);
        c.hint = Tokens.hint(token);
        c.createdAt = Instant.now();
        c.persist();
        return new IssuedKey(token, c.id, kind.displayName(), customerId, hostId, c.createdAt);
    }

    /** Revokes every active credential of the subject and issues one new one, in one transaction. */
    @Transactional
    public IssuedKey rotate(TokenKind kind, String customerId, String hostId) {
        Instant now = Instant.now();
        CredentialEntity.update("revokedAt = ?1 where kind = ?2 and revokedAt is null and "
                + (customerId != null ? "customerId = ?3" : "hostId = ?3"), now, kind,
                customerId != null ? customerId : hostId);
        forgetCached();
        return issue(kind, customerId, hostId);
    }

    @Transactional
    public void revoke(TokenKind kind, UUID keyId, String customerId, String hostId) {
        CredentialEntity c = CredentialEntity.findById(keyId);
        boolean owned = c != null && c.kind == kind
                && (customerId == null || customerId.equals(c.customerId))
                && (hostId == null || hostId.equals(c.hostId));
        if (!owned) {
            throw ProblemException.notFound("no " + kind.displayName() + " with id " + keyId
                    + (customerId != null ? " for customer '" + customerId + "'"
                    : hostId != null ? " for host '" + hostId + "'" : ""));
        }
        if (c.revokedAt == null) {
            c.revokedAt = Instant.now();
        }
        forgetCached();
    }

    public List<CredentialEntity> list(TokenKind kind, String customerId, String hostId) {
        if (customerId == null && hostId == null) {
            return CredentialEntity.list("kind = ?1 and customerId is null and hostId is null order by createdAt",
                    kind);
        }
        return customerId != null
                ? CredentialEntity.list("kind = ?1 and customerId = ?2 order by createdAt", kind, customerId)
                : CredentialEntity.list("kind = ?1 and hostId = ?2 order by createdAt", kind, hostId);
    }

    /**
     * Makes a token created elsewhere (configuration, the generated token file) the one valid token of its
     * kind: stored by its hash if new, every other active token of that kind revoked. Idempotent.
     */
    @Transactional
    public void makeSoleToken(TokenKind kind, String token) {
        byte[] hash = Tokens.sha256(token);
        CredentialEntity.update("revokedAt = ?1 where kind = ?2 and revokedAt is null and tokenHash <> ?3",
                Instant.now(), kind, hash);
        forgetCached();
        if (CredentialEntity.count("tokenHash", hash) > 0) {
            CredentialEntity.update("revokedAt = null where tokenHash = ?1", hash);
            return;
        }
        CredentialEntity c = new CredentialEntity();
        c.id = UUID.randomUUID();
        c.kind = kind;
        c.tokenHash = hash;
        c.hint = Tokens.hint(token);
        c.createdAt = Instant.now();
        c.persist();
    }

    public long countActive(TokenKind kind) {
        return CredentialEntity.count("kind = ?1 and revokedAt is null", kind);
    }

    /**
     * The active credential whose hash matches the token; empty for unknown or revoked tokens. Answers are
     * cached so ingest and proxy polls do not look the same key up every time: any answer for {@link #CACHE_TTL},
     * a valid token for {@code homefleet.hub.auth.token-cache-ttl} while this replica hears PostgreSQL's credential
     * notifications (V4__credential_notify.sql), which drop a token's entry milliseconds after any replica revokes
     * or deletes it. If the listener has not answered a heartbeat for {@link #CACHE_TTL}, entries older than that
     * are not used, so a revocation elsewhere still takes effect within about 2 s. A revocation on this replica
     * empties the cache at once ({@link #forgetCached}).
     */
    @Override
    public Optional<Caller> authenticate(String token) {
        byte[] hash = Tokens.sha256(token);
        String cacheKey = java.util.HexFormat.of().formatHex(hash);
        long now = System.nanoTime();
        Optional<Caller> remembered = fromCache(cacheKey, now);
        if (remembered != null) {
            return remembered;
        }
        long seen = epoch.get();
        boolean listening = notified && notifications.listening();
        Optional<Caller> caller = lookup(token, hash);
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        // Unknown or revoked tokens only briefly: a token made valid elsewhere is not announced when inserted.
        Cached entry = new Cached(caller, now, listening && caller.isPresent());
        cache.put(cacheKey, entry);
        // A notification (or a reset) during the lookup may concern what was read: remember it briefly only.
        if (entry.mayLiveLong() && epoch.get() != seen) {
            cache.replace(cacheKey, entry, new Cached(caller, now, false));
        }
        return caller;
    }

    /**
     * What {@link #authenticate} would answer from memory alone, without touching the database: empty when the
     * cache cannot answer. Safe on an event-loop thread (the security mechanism and the upload gate ask here before
     * they hop to a worker).
     */
    @Override
    public Optional<Optional<Caller>> remembered(String token) {
        String cacheKey = java.util.HexFormat.of().formatHex(Tokens.sha256(token));
        return Optional.ofNullable(fromCache(cacheKey, System.nanoTime()));
    }

    /** The cached answer while it may still be used, else null. */
    private Optional<Caller> fromCache(String cacheKey, long now) {
        Cached cached = cache.get(cacheKey);
        if (cached != null) {
            long age = now - cached.at();
            if (age < shortTtlNanos
                    || (cached.mayLiveLong() && age < longTtlNanos && notifications.usable(CACHE_TTL))) {
                return cached.caller();
            }
        }
        return null;
    }

    /** Every kind of token lives in the credentials table, so an unknown one of any kind is a 401. */
    @Override
    public boolean verifies(TokenKind kind) {
        return true;
    }

    /**
     * Forgets every cached authentication, after anything that revokes credentials: now, and again when the
     * current transaction ends, so a request racing the commit cannot re-cache a credential being revoked.
     */
    public void forgetCached() {
        epoch.incrementAndGet();
        cache.clear();
        if (transactions.getTransactionStatus() == jakarta.transaction.Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    epoch.incrementAndGet();
                    cache.clear();
                }
            });
        }
    }

    private Optional<Caller> lookup(String token, byte[] hash) {
        String select = "SELECT id, kind, customer_id, host_id, token_hash, last_used_at FROM credentials "
                + "WHERE token_hash = ? AND revoked_at IS NULL";
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(select)) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                // The lookup is by hash, so timing cannot reveal the secret; the final check is constant-time.
                if (!rs.next() || !Tokens.matches(token, rs.getBytes("token_hash"))) {
                    return Optional.empty();
                }
                UUID id = rs.getObject("id", UUID.class);
                Instant lastUsed = Sql.instant(rs, "last_used_at");
                if (lastUsed == null || lastUsed.isBefore(Instant.now().minus(LAST_USED_GRANULARITY))) {
                    try (PreparedStatement touch = con.prepareStatement(
                            "UPDATE credentials SET last_used_at = now() WHERE id = ?")) {
                        touch.setObject(1, id);
                        touch.executeUpdate();
                    }
                }
                return Optional.of(Caller.of(TokenKind.valueOf(rs.getString("kind")), id,
                        rs.getString("customer_id"), rs.getString("host_id")));
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    private record Cached(Optional<Caller> caller, long at, boolean mayLiveLong) {
    }
}
