package io.homefleet.agent.disk;

import io.homefleet.agent.approval.ApprovalVerifier;
import io.homefleet.agent.approval.UsedApprovals;
import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.proxmox.ProxmoxApi;
import io.homefleet.agent.storage.StorageService;
import io.homefleet.agent.temperature.TemperatureService;
import io.homefleet.service.audit.AuditLog;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the disk inspector and the format guard from agent.yaml. */
@Singleton
public class DiskFeature {

    @Produces
    @Singleton
    DiskInspector diskInspector(ProxmoxApi proxmox, StorageService storages, TemperatureService temperatures) {
        return new DiskInspector(Path.of("/sys"), Path.of("/proc"), Path.of("/dev"), new SignatureProbe("blkid"),
                proxmox, storages::storagesOrEmpty, temperatures::current);
    }

    @Produces
    @Singleton
    AuditLog auditLog(AgentConfig config) {
        try {
            return AuditLog.open(config.auditLogFile(), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + config.auditLogFile(), e);
        }
    }

    void closeAuditLog(@Disposes AuditLog audit) throws IOException {
        audit.close();
    }

    @Produces
    @Singleton
    FormatGuard formatGuard(AgentConfig config, DiskInspector inspector, AuditLog audit) {
        Path keyFile = config.hub().approvalPublicKeyFile();
        ApprovalVerifier verifier;
        try {
            verifier = new ApprovalVerifier(keyFile != null && Files.exists(keyFile)
                    ? ApprovalVerifier.readPublicKey(keyFile) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hub approval key " + keyFile, e);
        }
        return new FormatGuard(inspector, new DiskFormatter(), verifier,
                new UsedApprovals(config.stateDir().resolve("used-approvals.log")), audit, config.hub().hostId());
    }
}
