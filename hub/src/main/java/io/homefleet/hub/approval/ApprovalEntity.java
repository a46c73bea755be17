package io.homefleet.hub.approval;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The audit record of one signed approval: what it allows, who approved it and why. */
@Entity
@Table(name = "approvals")
public class ApprovalEntity extends PanacheEntityBase {
    @Id
    public UUID jti;

    @Column(nullable = false)
    public String op;

    @Column(name = "host_scope", nullable = false)
    public String hostScope;

    @Column(name = "durable_id", nullable = false)
    public String durableId;

    @Column(nullable = false)
    public String fstype;

    @Column(nullable = false)
    public String reason;

    @Column(name = "approved_by", nullable = false)
    public String approvedBy;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
