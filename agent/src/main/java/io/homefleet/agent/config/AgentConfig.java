package io.homefleet.agent.config;

import io.homefleet.common.contract.v1.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;

/**
 * The agent's configuration, {@code /etc/homefleet-agent/agent.yaml}, read by {@link AgentConfigLoader}: keys are
 * the components in snake_case, unknown keys are errors so a typo never silently falls back to a default.
 */
public record AgentConfig(
        @NotNull @Valid Hub hub,
        @NotNull @Valid LocalApi localApi,
        @NotNull Path stateDir,
        @Valid Backup backup,
        @NotNull @Valid Proxmox proxmox,
        @Valid SensorProxy sensorProxy) {

    public static final Path DEFAULT_FILE = Path.of("/etc/homefleet-agent/agent.yaml");

    public AgentConfig {
        backup = backup == null ? new Backup(null) : backup;
        sensorProxy = sensorProxy == null ? new SensorProxy(null) : sensorProxy;
    }

    public record Hub(
            @NotBlank @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL") String url,
            @NotNull @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String hostId,
            @NotNull Path hostKeyFile,
            Path operatorTokenFile,
            Path approvalPublicKeyFile,
            @Min(5) @Max(3600) Integer reportIntervalSeconds) {

        public Hub {
            reportIntervalSeconds = reportIntervalSeconds == null ? 60 : reportIntervalSeconds;
            url = url == null ? null : url.replaceAll("/+$", "");
        }
    }

    public record LocalApi(
            Boolean enable,
            @NotBlank @Pattern(regexp = "^[^\\s:]+:[0-9]{1,5}$", message = "must be host:port") String listenAddr,
            @Pattern(regexp = "^[^\\s:]+:[0-9]{1,5}$", message = "must be host:port")
            String advertiseAddr,
            @Valid Tls tls,
            Path operatorTokenHashFile) {

        public LocalApi {
            enable = enable == null || enable;
            // Default to the listener only when it is itself valid, so one mistake is reported once.
            boolean listenValid = listenAddr != null && listenAddr.matches("^[^\\s:]+:[0-9]{1,5}$");
            advertiseAddr = advertiseAddr == null && listenValid ? listenAddr : advertiseAddr;
        }

        public String host() {
            return listenAddr.substring(0, listenAddr.lastIndexOf(':'));
        }

        public int port() {
            return Integer.parseInt(listenAddr.substring(listenAddr.lastIndexOf(':') + 1));
        }
    }

    public record Tls(Path certFile, Path keyFile) {
    }

    public record Backup(String restoreStorage) {
    }

    public record Proxmox(
            @NotBlank String node,
            Path pvesh,
            @Min(0) Integer guestRootUid,
            @Min(0) @Max(255) Integer bootstrapMountSlot,
            @Min(1) @Max(3600) Integer taskTimeoutSeconds) {

        public Proxmox {
            pvesh = pvesh == null ? Path.of("/usr/bin/pvesh") : pvesh;
            guestRootUid = guestRootUid == null ? 100000 : guestRootUid;
            bootstrapMountSlot = bootstrapMountSlot == null ? 9 : bootstrapMountSlot;
            taskTimeoutSeconds = taskTimeoutSeconds == null ? 900 : taskTimeoutSeconds;
        }
    }

    public record SensorProxy(Path socket) {
        public SensorProxy {
            socket = socket == null ? Path.of("/run/homefleet-sensor-proxy/sensor-proxy.sock") : socket;
        }
    }

    /** Where the TLS certificate lives: configured, or under the state directory. */
    public Path tlsCertFile() {
        return localApi.tls() != null && localApi.tls().certFile() != null
                ? localApi.tls().certFile() : stateDir.resolve("tls/local-api.crt");
    }

    public Path tlsKeyFile() {
        return localApi.tls() != null && localApi.tls().keyFile() != null
                ? localApi.tls().keyFile() : stateDir.resolve("tls/local-api.key");
    }

    /** The hash-chained audit log of disk format decisions. */
    public Path auditLogFile() {
        return stateDir.resolve("audit.log");
    }

    public Path operatorTokenHashFile() {
        return localApi.operatorTokenHashFile() != null
                ? localApi.operatorTokenHashFile() : stateDir.resolve("operator-token.sha256");
    }
}
