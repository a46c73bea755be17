package io.homefleet.hub.auth;

import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.hub.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issues, rotates, revokes and checks credentials of every kind. */
@ApplicationScoped
public class CredentialService {
    /** last_used_at is a hint for operators; writing it on every request would double the ingest cost. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

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
        return issue(kind, customerId, hostId);
    }

    @Transactional
    public void revoke(TokenKind kind, UUID keyId, String customerId, String hostId) {
        CredentialEntity c = CredentialEntity.findById(keyId);
        boolean owned = c != null && c.kind == kind
                && (customerId == null || customerId.equals(c.customerId))
                && (hostId == null || hostId.equals(c.hostId));
        if (!owned) {
            throw ProblemException.notFound("no " + kind.displayName() + " with id " + keyId + " for "
                    + (customerId != null ? "customer '" + customerId + "'" : "host '" + hostId + "'"));
        }
        if (c.revokedAt == null) {
            c.revokedAt = Instant.now();
        }
    }

    public List<CredentialEntity> list(TokenKind kind, String customerId, String hostId) {
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

    /** The active credential whose hash matches the token; empty for unknown or revoked tokens. */
    @Transactional
    public Optional<Caller> authenticate(String token) {
        byte[] hash = Tokens.sha256(token);
        Optional<CredentialEntity> found = CredentialEntity.find("tokenHash", hash).firstResultOptional();
        // The lookup is by hash, so timing cannot reveal the secret; the final check is constant-time anyway.
        return found.filter(CredentialEntity::active)
                .filter(c -> Tokens.matches(token, c.tokenHash))
                .map(c -> {
                    Instant now = Instant.now();
                    if (c.lastUsedAt == null || c.lastUsedAt.isBefore(now.minus(LAST_USED_GRANULARITY))) {
                        c.lastUsedAt = now;
                    }
                    return new Caller(c.kind, c.id, c.customerId, c.hostId);
                });
    }
}
