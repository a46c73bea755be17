package io.homefleet.hub.auth;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;
import java.util.UUID;

/** A credential as operators see it in listings: never the secret, only a short hint. */
@ContractRecord
public record KeyView(UUID keyId, String kind, String hint, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
        boolean active) {

    public static KeyView of(CredentialEntity c) {
        return new KeyView(c.id, c.kind.displayName(), c.hint, c.createdAt, c.lastUsedAt, c.revokedAt, c.active());
    }
}
