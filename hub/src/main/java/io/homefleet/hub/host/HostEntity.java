package io.homefleet.hub.host;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A Proxmox host as the operator registered it; report columns are written by ingest with plain SQL. */
@Entity
@Table(name = "hosts")
public class HostEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String hostname;

    public String cluster;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] addresses = new String[0];

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
