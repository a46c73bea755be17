package io.homefleet.provisioning.host;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A host provisioning knows (table {@code hosts}); its state changes only through {@code lifecycle.Lifecycle}. */
@Entity
@Table(name = "hosts")
public class HostEntity extends PanacheEntityBase {
    @Id
    public String id;

    public String mac;

    @Column(name = "server_type")
    public String serverType;

    @Column(name = "state")
    @jakarta.persistence.Convert(converter = HostStateConverter.class)
    public HostState state;

    @Column(name = "state_since")
    public Instant stateSince;

    public Instant deadline;

    @Column(name = "failed_state")
    @jakarta.persistence.Convert(converter = HostStateConverter.class)
    public HostState failedState;

    @Column(name = "failed_step")
    public String failedStep;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "failure_exit_status")
    public Integer failureExitStatus;

    @Column(name = "failure_output")
    public String failureOutput;

    @Column(name = "current_step")
    public String currentStep;

    public String ip;

    @Column(name = "machine_id")
    public String machineId;

    @Column(name = "ssh_host_keys")
    public String sshHostKeys;

    @Column(name = "ephemeral_public_key")
    public String ephemeralPublicKey;

    @Column(name = "ephemeral_private_key")
    public byte[] ephemeralPrivateKey;

    @Column(name = "boot_token_hash")
    public byte[] bootTokenHash;

    @Column(name = "rebuild_count")
    public int rebuildCount;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static HostEntity byMac(String mac) {
        return find("mac", mac).firstResult();
    }

}
