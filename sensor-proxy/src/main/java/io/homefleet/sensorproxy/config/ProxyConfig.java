package io.homefleet.sensorproxy.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's settings as {@code config.yaml} spells them (the seed's keys without its product prefix).
 * Field initializers are the defaults; {@link ConfigLoader} fills the object once and nobody changes it later.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public class ProxyConfig {
    /** This host's node name; empty means the machine's hostname. */
    public String nodeName = "";
    public String socketPath = "/run/homefleet-sensor-proxy/sensor-proxy.sock";
    /** Keys, known_hosts, generated TLS material, cleanup requests. */
    public String stateDir = "/var/lib/homefleet-sensor-proxy";
    public String auditLog = "/var/log/homefleet-sensor-proxy/audit.jsonl";

    public List<String> allowedSourceSubnets = new ArrayList<>();
    public List<AllowedPeer> allowedPeers = new ArrayList<>();
    public List<Integer> allowedPeerUids = new ArrayList<>();
    public List<Integer> allowedPeerGids = new ArrayList<>();
    public boolean allowIdmappedRoot = false;
    public List<String> allowedIdmapUsers = new ArrayList<>(List.of("root"));

    public String logLevel = "info";
    /** {@code default} = 127.0.0.1:9127; management endpoints (/q/health, /q/metrics) listen here. */
    public String metricsAddress = "default";
    public Duration readTimeout = Duration.ofSeconds(5);
    public Duration writeTimeout = Duration.ofSeconds(10);
    public int maxSshOutputBytes = 1_048_576;
    public boolean requireProxmoxHostkeys = false;

    public String allowedNodesFile = "/etc/homefleet-sensor-proxy/allowed_nodes.yaml";
    /** Extra allowed nodes that are not in the file (e.g. from the environment). */
    public List<String> allowedNodes = new ArrayList<>();
    public boolean strictNodeValidation = false;

    public RateLimit rateLimit = new RateLimit();
    public Limits limits = new Limits();

    public boolean httpEnabled = false;
    public String httpListenAddr = ":8444";
    /** Empty: a certificate is generated in the state directory at first start. */
    public String httpTlsCert = "";
    public String httpTlsKey = "";
    public String httpAuthToken = "";
    /** A 0600 file holding the HTTPS bearer token (what {@code sensor-proxy register --kind http} writes). */
    public String httpAuthTokenFile = "";
    /** PEM CA bundle; when set, HTTPS clients must present a certificate it signed (mTLS). */
    public String httpClientCa = "";

    public Ssh ssh = new Ssh();
    /** How long a reading is served from memory, so many callers cost one round. */
    public Duration cacheTtl = Duration.ofSeconds(5);
    public List<String> sensorsCommand = new ArrayList<>(List.of("sensors", "-j"));
    /** Kernel sensor trees read when {@code sensors -j} has nothing. */
    public String hwmonDir = "/sys/class/hwmon";
    public String thermalDir = "/sys/class/thermal";
    /** Subordinate id ranges for {@code allowed_idmap_users}. */
    public String subuidFile = "/etc/subuid";
    public String subgidFile = "/etc/subgid";
    public Smart smart = new Smart();
    public ControlPlane controlPlane = new ControlPlane();
    /** True: ignore {@code control_plane} and use allowed_nodes.yaml as written (air-gapped hosts). */
    public boolean legacyAllowlist = false;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static class AllowedPeer {
        public Integer uid;
        public List<String> capabilities = new ArrayList<>(List.of("read"));

        public AllowedPeer() {
        }

        public AllowedPeer(int uid, List<String> capabilities) {
            this.uid = uid;
            this.capabilities = new ArrayList<>(capabilities);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static class RateLimit {
        public long perPeerIntervalMs = 1000;
        public int perPeerBurst = 5;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static class Limits {
        public int maxConcurrentRequests = 64;
        public int maxConcurrentPerPeer = 8;
        public Duration malformedPenalty = Duration.ofSeconds(2);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static class Ssh {
        public String user = "root";
        public int port = 22;
        public Duration connectTimeout = Duration.ofSeconds(5);
        public Duration commandTimeout = Duration.ofSeconds(15);
        /** Our own pinned host keys; empty = {@code <state_dir>/ssh/known_hosts}. */
        public String knownHostsFile = "";
        /** The cluster's shared known_hosts, trusted when present. */
        public String proxmoxKnownHostsFile = "/etc/pve/priv/known_hosts";
        public String command = "sensors -j";
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static class Smart {
        public boolean enabled = false;
        public Duration interval = Duration.ofMinutes(30);
        public List<String> devices = new ArrayList<>();
        public List<String> smartctlCommand = new ArrayList<>(List.of("smartctl"));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static class ControlPlane {
        /** The hub's base URL; empty = no sync (the list is allowed_nodes.yaml). */
        public String url = "";
        /** The 0600 file holding the control token ({@code hfp_...}), relative to config.yaml's directory; re-read before every sync. */
        public String tokenFile = ".control-token";
        /** Until the hub's first answer says otherwise, the time between syncs. */
        public Duration refreshInterval = Duration.ofSeconds(60);
        /** The first retry after a failure; doubled per failure (with jitter) up to the refresh interval. */
        public Duration retryInitial = Duration.ofSeconds(2);
        public Duration timeout = Duration.ofSeconds(10);
        /** PEM CA bundle that signed the hub's certificate; empty = the JVM's trusted CAs. */
        public String caFile = "";
        /** SHA-256 of the hub's certificate: trusted by exactly this certificate instead of by a CA. */
        public String pinnedFingerprint = "";
        /** Accept any certificate. Only for tests and emergencies; logged at every start. */
        public boolean insecureSkipVerify = false;
        /** Allow an {@code http://} URL (the token then crosses the network in clear). */
        public boolean allowPlainHttp = false;

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }
}
