package io.homefleet.agent.config;

import io.homefleet.common.contract.v1.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.homefleet.service.tls.CertificateFiles;
import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.tls.TrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
            /* No longer used (guests get their customer key with the host key); accepted with a warning. */
            Path operatorTokenFile,
            Path approvalPublicKeyFile,
            @Min(5) @Max(3600) Integer reportIntervalSeconds,
            /* PEM CA bundle that signed the hub's certificate; unset = the JVM's trusted CAs. */
            Path caFile,
            /* SHA-256 of the hub's certificate (any common spelling, held as AB:CD:...): exactly that certificate. */
            String pinnedFingerprint,
            /* Accept any certificate: tests and emergencies only; warned about at every start. */
            Boolean insecureSkipVerify,
            /* An http:// url: true accepts it, false refuses it, unset accepts it with a warning (older installs). */
            Boolean allowPlainHttp) {

        public Hub {
            reportIntervalSeconds = reportIntervalSeconds == null ? 60 : reportIntervalSeconds;
            url = url == null ? null : url.replaceAll("/+$", "");
            pinnedFingerprint = pinnedFingerprint == null || pinnedFingerprint.isBlank() ? null
                    : Fingerprint.isValid(pinnedFingerprint) ? Fingerprint.parse(pinnedFingerprint).toString()
                    : pinnedFingerprint;
            insecureSkipVerify = insecureSkipVerify != null && insecureSkipVerify;
        }

        public boolean plainHttp() {
            return url != null && url.regionMatches(true, 0, "http://", 0, "http://".length());
        }

        /** Plain http is used unless refused by name ({@code allow_plain_http: false}). */
        public boolean plainHttpAccepted() {
            return !Boolean.FALSE.equals(allowPlainHttp);
        }

        /** Which certificates the hub may present; valid only after the checks passed. */
        public TrustOptions trust() {
            return TrustOptions.fromSettings(caFile == null ? null : caFile.toString(), pinnedFingerprint,
                    insecureSkipVerify);
        }

        /** The hub as this block names it: its url, the trust chosen here, plain http as the checks allowed. */
        public HubConnection connection() {
            return HubConnection.of(url, trust(), plainHttpAccepted()).withUserAgent("homefleet-agent");
        }

        /** What the daemon warns about at every start and {@code agent config validate} prints. */
        public List<String> warnings() {
            List<String> warnings = new ArrayList<>();
            if (plainHttp() && allowPlainHttp == null) {
                warnings.add("hub.url " + url + " is plain http: the host key crosses the network readable; use "
                        + "https, or set hub.allow_plain_http: true to accept it on purpose");
            }
            if (operatorTokenFile != null) {
                warnings.add("hub.operator_token_file is no longer used: the agent fetches a guest's customer key "
                        + "with its host key, for the customer the operator placed on the guest in the hub; remove "
                        + "the key from agent.yaml and delete " + operatorTokenFile);
            }
            if (insecureSkipVerify && !plainHttp()) {
                warnings.add("hub.insecure_skip_verify is on: any certificate is accepted as the hub's; set "
                        + "hub.ca_file or hub.pinned_fingerprint instead");
            }
            return warnings;
        }

        /** Checks across keys that Bean Validation cannot express; each problem starts with its key. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            long trustChoices = Stream.of(caFile != null, pinnedFingerprint != null, insecureSkipVerify)
                    .filter(Boolean::booleanValue).count();
            if (trustChoices > 1) {
                problems.add("hub: choose one of ca_file, pinned_fingerprint and insecure_skip_verify");
            }
            if (pinnedFingerprint != null && !Fingerprint.isValid(pinnedFingerprint)) {
                problems.add("hub.pinned_fingerprint: must be a SHA-256 fingerprint (64 hex digits, optionally in "
                        + "colon-separated pairs, optionally after sha256:)");
            }
            if (caFile != null && !Files.isReadable(caFile)) {
                problems.add("hub.ca_file: " + caFile + " is not a readable file");
            }
            if (plainHttp() && !plainHttpAccepted()) {
                problems.add("hub.url: plain http is refused by hub.allow_plain_http: false; use an https:// url");
            }
            if (plainHttp() && trustChoices > 0) {
                problems.add("hub: ca_file, pinned_fingerprint and insecure_skip_verify are for an https:// url");
            }
            return problems;
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

    /** The checks across keys, run by the loader after Bean Validation. */
    static List<String> problems(AgentConfig config) {
        return config.hub() == null ? List.of() : config.hub().problems();
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

    /**
     * The local API's self-signed certificate: no public CA vouches for a host's LAN address, so controllers pin its
     * fingerprint. Created at first start and kept; it names localhost, the host id and the addresses it is served at.
     */
    public CertificateFiles localApiCertificate() {
        List<String> names = new java.util.ArrayList<>(List.of("localhost", hub.hostId(), localApi.host()));
        if (localApi.advertiseAddr() != null) {
            names.add(localApi.advertiseAddr().replaceFirst(":[0-9]+$", ""));
        }
        return new CertificateFiles(tlsCertFile(), tlsKeyFile(), "CN=homefleet-agent " + hub.hostId(), names);
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
