package io.homefleet.hub.updates;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The controller version a customer should update to, set by "trigger update". */
@Entity
@Table(name = "controller_targets")
public class ControllerTargetEntity extends PanacheEntityBase {
    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "target_version", nullable = false)
    public String targetVersion;

    @Column(name = "set_at", nullable = false)
    public Instant setAt;

    @Column(name = "set_by", nullable = false)
    public String setBy;
}
