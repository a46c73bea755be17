package io.homefleet.hub.desired;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** An app the operator pinned for a customer, at a catalog version, with its install settings (JSON). */
@Entity
@Table(name = "app_pins")
@IdClass(AppPinEntity.Key.class)
public class AppPinEntity extends PanacheEntityBase {
    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Id
    @Column(name = "app_id")
    public String appId;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public String settings;

    @Column(name = "pinned_at", nullable = false)
    public Instant pinnedAt;

    @Column(name = "pinned_by", nullable = false)
    public String pinnedBy;

    /** The composite key (customer, app). */
    public static class Key implements Serializable {
        public String customerId;
        public String appId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(customerId, k.customerId)
                    && java.util.Objects.equals(appId, k.appId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(customerId, appId);
        }
    }
}
