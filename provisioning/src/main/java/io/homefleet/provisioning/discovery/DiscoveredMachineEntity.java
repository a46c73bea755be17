package io.homefleet.provisioning.discovery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A machine that PXE-booted with a MAC no host has: shown for one-click registration, booted from its disk. */
@Entity
@Table(name = "discovered_machines")
public class DiscoveredMachineEntity extends PanacheEntityBase {
    @Id
    public String mac;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    public int boots;

    @Column(name = "last_address")
    public String lastAddress;
}
