package io.homefleet.hub.auth;

import io.homefleet.common.credential.TokenKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One issued token: who it acts for, and the SHA-256 of its secret (the secret itself is never stored). */
@Entity
@Table(name = "credentials")
public class CredentialEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TokenKind kind;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "host_id")
    public String hostId;

    @Column(name = "token_hash", nullable = false, unique = true)
    public byte[] tokenHash;

    @Column(nullable = false)
    public String hint;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public boolean active() {
        return revokedAt == null;
    }
}
