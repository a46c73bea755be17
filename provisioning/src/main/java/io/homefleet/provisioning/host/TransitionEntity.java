package io.homefleet.provisioning.host;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One stored state change of a host: when, from what to what, why, and who caused it. */
@Entity
@Table(name = "host_transitions")
public class TransitionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "host_id")
    public String hostId;

    public Instant at;

    @Column(name = "from_state")
    @jakarta.persistence.Convert(converter = HostStateConverter.class)
    public HostState fromState;

    @Column(name = "to_state")
    @jakarta.persistence.Convert(converter = HostStateConverter.class)
    public HostState toState;

    public String cause;

    public String actor;

    public String detail;

    public static List<TransitionEntity> of(String hostId) {
        return list("hostId = ?1 order by id", hostId);
    }
}
