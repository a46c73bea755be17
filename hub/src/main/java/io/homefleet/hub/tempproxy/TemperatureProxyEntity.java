package io.homefleet.hub.tempproxy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A host's registered sensor proxy. Its control token is a credential of kind PROXY for the host; pulls write
 * {@code last_pull_at}/{@code last_hash} with plain SQL ({@link PullRecorder}), never through this entity, so a
 * registration cannot put back an older pull than one written meanwhile.
 */
@Entity
@Table(name = "temperature_proxies")
public class TemperatureProxyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "host_id")
    public String hostId;

    @Column(name = "instance_id", nullable = false)
    public UUID instanceId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "proxy_url")
    public String proxyUrl;

    @Column(name = "cert_fingerprint")
    public String certFingerprint;

    @Column(name = "http_token_hash")
    public byte[] httpTokenHash;

    @Column(name = "http_token_hint")
    public String httpTokenHint;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "last_pull_at", insertable = false, updatable = false)
    public Instant lastPullAt;

    @Column(name = "last_hash", insertable = false, updatable = false)
    public String lastHash;
}
