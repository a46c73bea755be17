package io.homefleet.hub.customerconfig;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One revision of a customer's config: the whole document, who changed it, when and how. */
@Entity
@Table(name = "customer_config_revisions")
public class ConfigRevisionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_config_seq")
    @SequenceGenerator(name = "customer_config_seq", sequenceName = "customer_config_seq", allocationSize = 1)
    public Long revision;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    /** {@link CustomerConfigDocument} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String body;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(nullable = false)
    public String source;
}
