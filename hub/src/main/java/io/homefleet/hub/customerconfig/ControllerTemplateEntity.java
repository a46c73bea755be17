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

/** One uploaded version of the controller.yaml template. */
@Entity
@Table(name = "controller_templates")
public class ControllerTemplateEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "controller_template_seq")
    @SequenceGenerator(name = "controller_template_seq", sequenceName = "customer_config_seq", allocationSize = 1)
    public Long version;

    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "uploaded_by", nullable = false)
    public String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;
}
