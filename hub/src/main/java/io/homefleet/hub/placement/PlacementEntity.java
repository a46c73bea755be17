package io.homefleet.hub.placement;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The host and vmid the operator placed a customer's guest on. */
@Entity
@Table(name = "customer_placements")
public class PlacementEntity extends PanacheEntityBase {
    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "host_id", nullable = false)
    public String hostId;

    @Column(nullable = false)
    public int vmid;

    @Column(name = "placed_by", nullable = false)
    public String placedBy;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;
}
