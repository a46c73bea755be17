package io.homefleet.hub.customerconfig;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A managed customer's config: which revision is current, and the secrets the hub generates for it. */
@Entity
@Table(name = "customer_configs")
public class CustomerConfigEntity extends PanacheEntityBase {
    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "current_revision", nullable = false)
    public long currentRevision;

    @Column(name = "session_secret", nullable = false)
    public String sessionSecret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "retrieval_password_hash")
    public byte[] retrievalPasswordHash;

    @Column(name = "retrieval_password_set_at")
    public Instant retrievalPasswordSetAt;

    @Column(name = "retrieval_failures", nullable = false)
    public int retrievalFailures;

    @Column(name = "retrieval_window_start")
    public Instant retrievalWindowStart;

    @Column(name = "retrieval_key_id")
    public UUID retrievalKeyId;
}
