package io.homefleet.hub.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A customer as the operator defines it. The report summary columns of the same table are written by report
 * ingest and the sweep with plain SQL and are not mapped here, so an operator edit never overwrites them.
 */
@Entity
@Table(name = "customers")
public class CustomerEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    public String email;

    public String domain;

    public String notes;

    @Column(nullable = false)
    public boolean blocked;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
