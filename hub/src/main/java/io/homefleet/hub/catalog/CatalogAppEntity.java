package io.homefleet.hub.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One imported version of a catalog app; {@code app} is its {@code CatalogApp} JSON. */
@Entity
@Table(name = "catalog_apps")
public class CatalogAppEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public String format;

    @Column(nullable = false)
    public String app;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    @Column(name = "imported_by", nullable = false)
    public String importedBy;
}
