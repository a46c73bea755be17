package io.homefleet.sensorproxy.config;

import io.homefleet.service.config.DurationRange;
import io.homefleet.service.tls.CertificateFiles;
import io.homefleet.service.tls.Fingerprint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The proxy's settings as {@code config.yaml} spells them (the seed's keys without its product prefix), read by
 * {@link ConfigLoader}. Compact constructors hold the defaults, so an absent key and a key without a value
 * ({@code key:}) both mean the default. Paths are strings, already resolved against the config file's directory.
 */
public record ProxyConfig(
        /* This host's node name; empty means the machine's hostname. */
        String nodeName,
        @NotBlank(message = "must be a path") String socketPath,
        /* Keys, known_hosts, generated TLS material, cleanup requests. */
        @NotBlank(message = "must be a path") String stateDir,
        @NotBlank(message = "must be a path") String auditLog,

        List<@NotBlank(message = "empty") String> allowedSourceSubnets,
        List<@NotNull(message = "required, a uid and its capabilities") @Valid AllowedPeer> allowedPeers,
        List<@NotNull(message = "must be a number ≥ 0") @Min(value = 0, message = "must be a number ≥ 0") Integer> allowedPeerUids,
        List<@NotNull(message = "must be a number ≥ 0") @Min(value = 0, message = "must be a number ≥ 0") Integer> allowedPeerGids,
        Boolean allowIdmappedRoot,
        List<@NotNull(message = "is not a user name") @Pattern(regexp = USER, message = "is not a user name") String> allowedIdmapUsers,

        @Pattern(regexp = "(?i)trace|debug|info|warn|error", message = "must be one of trace, debug, info, warn, error")
        String logLevel,
        /* {@code default} = 127.0.0.1:9127; management endpoints (/q/health, /q/metrics) listen here. */
        String metricsAddress,
        @DurationRange(min = "10ms", max = "5m") Duration readTimeout,
        @DurationRange(min = "10ms", max = "5m") Duration writeTimeout,
        @Min(value = 1024, message = "must be between 1024 and 67108864")
        @Max(value = 67_108_864, message = "must be between 1024 and 67108864") Integer maxSshOutputBytes,
        Boolean requireProxmoxHostkeys,

        @NotBlank(message = "must be a path") String allowedNodesFile,
        /* Extra allowed nodes that are not in the file (e.g. from the environment). */
        List<@NotBlank(message = "empty") String> allowedNodes,
        Boolean strictNodeValidation,

        @Valid RateLimit rateLimit,
        @Valid Limits limits,

        Boolean httpEnabled,
        String httpListenAddr,
        /* Empty: a certificate is generated in the state directory at first start. */
        String httpTlsCert,
        String httpTlsKey,
        String httpAuthToken,
        /* A 0600 file holding the HTTPS bearer token (what {@code sensor-proxy register --kind http} writes). */
        String httpAuthTokenFile,
        /* PEM CA bundle; when set, HTTPS clients must present a certificate it signed (mTLS). */
        String httpClientCa,

        @Valid Ssh ssh,
        /* How long a reading is served from memory, so many callers cost one round. */
        @DurationRange(min = "0s", max = "10m") Duration cacheTtl,
        @NotEmpty(message = "must name a program") List<@NotBlank(message = "empty") String> sensorsCommand,
        /* Kernel sensor trees read when {@code sensors -j} has nothing. */
        String hwmonDir,
        String thermalDir,
        /* Subordinate id ranges for {@code allowed_idmap_users}. */
        String subuidFile,
        String subgidFile,
        @Valid Smart smart,
        @Valid ControlPlane controlPlane,
        /* True: ignore {@code control_plane} and use allowed_nodes.yaml as written (air-gapped hosts). */
        Boolean legacyAllowlist) {

    static final String USER = "^[a-z_][a-z0-9_-]{0,31}\\$?$";
    public static final String DEFAULT_STATE_DIR = "/var/lib/homefleet-sensor-proxy";

    public ProxyConfig {
        nodeName = orDefault(nodeName, "");
        socketPath = orDefault(socketPath, "/run/homefleet-sensor-proxy/sensor-proxy.sock");
        stateDir = orDefault(stateDir, DEFAULT_STATE_DIR);
        auditLog = orDefault(auditLog, "/var/log/homefleet-sensor-proxy/audit.jsonl");
        allowedSourceSubnets = list(allowedSourceSubnets, List.of());
        allowedPeers = list(allowedPeers, List.of());
        allowedPeerUids = list(allowedPeerUids, List.of());
        allowedPeerGids = list(allowedPeerGids, List.of());
        allowIdmappedRoot = orDefault(allowIdmappedRoot, false);
        allowedIdmapUsers = list(allowedIdmapUsers, List.of("root"));
        logLevel = orDefault(logLevel, "info");
        metricsAddress = orDefault(metricsAddress, "default");
        readTimeout = orDefault(readTimeout, Duration.ofSeconds(5));
        writeTimeout = orDefault(writeTimeout, Duration.ofSeconds(10));
        maxSshOutputBytes = orDefault(maxSshOutputBytes, 1_048_576);
        requireProxmoxHostkeys = orDefault(requireProxmoxHostkeys, false);
        allowedNodesFile = orDefault(allowedNodesFile, "/etc/homefleet-sensor-proxy/allowed_nodes.yaml");
        allowedNodes = list(allowedNodes, List.of());
        strictNodeValidation = orDefault(strictNodeValidation, false);
        rateLimit = orDefault(rateLimit, new RateLimit(null, null));
        limits = orDefault(limits, new Limits(null, null, null));
        httpEnabled = orDefault(httpEnabled, false);
        httpListenAddr = orDefault(httpListenAddr, ":8444");
        httpTlsCert = orDefault(httpTlsCert, "");
        httpTlsKey = orDefault(httpTlsKey, "");
        httpAuthToken = orDefault(httpAuthToken, "");
        httpAuthTokenFile = orDefault(httpAuthTokenFile, "");
        httpClientCa = orDefault(httpClientCa, "");
        ssh = orDefault(ssh, new Ssh(null, null, null, null, null, null, null));
        cacheTtl = orDefault(cacheTtl, Duration.ofSeconds(5));
        sensorsCommand = list(sensorsCommand, List.of("sensors", "-j"));
        hwmonDir = orDefault(hwmonDir, "/sys/class/hwmon");
        thermalDir = orDefault(thermalDir, "/sys/class/thermal");
        subuidFile = orDefault(subuidFile, "/etc/subuid");
        subgidFile = orDefault(subgidFile, "/etc/subgid");
        smart = orDefault(smart, new Smart(null, null, null, null));
        controlPlane = orDefault(controlPlane, new ControlPlane(null, null, null, null, null, null, null, null, null));
        legacyAllowlist = orDefault(legacyAllowlist, false);
    }

    /** The same settings with the HTTPS token read from {@link #httpAuthTokenFile()}. */
    ProxyConfig withHttpAuthToken(String token) {
        return new ProxyConfig(nodeName, socketPath, stateDir, auditLog, allowedSourceSubnets, allowedPeers,
                allowedPeerUids, allowedPeerGids, allowIdmappedRoot, allowedIdmapUsers, logLevel, metricsAddress,
                readTimeout, writeTimeout, maxSshOutputBytes, requireProxmoxHostkeys, allowedNodesFile, allowedNodes,
                strictNodeValidation, rateLimit, limits, httpEnabled, httpListenAddr, httpTlsCert, httpTlsKey, token,
                httpAuthTokenFile, httpClientCa, ssh, cacheTtl, sensorsCommand, hwmonDir, thermalDir, subuidFile,
                subgidFile, smart, controlPlane, legacyAllowlist);
    }

    /**
     * The HTTPS listener's certificate: the configured files, or a self-signed ECDSA pair under the state directory
     * generated at first start (key 0600) and reused; clients pin its fingerprint, which the proxy logs at start and
     * {@code sensor-proxy tls fingerprint} prints.
     */
    public CertificateFiles httpsCertificate(String hostName) {
        Path cert = httpTlsCert.isBlank() ? Path.of(stateDir, "tls", "server.crt") : Path.of(httpTlsCert);
        Path key = httpTlsCert.isBlank() ? Path.of(stateDir, "tls", "server.key") : Path.of(httpTlsKey);
        return new CertificateFiles(cert, key, "CN=" + hostName + ",O=Homefleet sensor proxy",
                List.of(hostName, "localhost", "127.0.0.1", "::1"));
    }

    public record AllowedPeer(
            @NotNull(message = "required, a number ≥ 0") @Min(value = 0, message = "required, a number ≥ 0") Integer uid,
            @NotEmpty(message = "list at least one of read, write, admin") List<String> capabilities) {
        public AllowedPeer {
            capabilities = list(capabilities, List.of("read"));
        }
    }

    public record RateLimit(
            @Min(value = 1, message = "must be between 1 and 3600000 (100 or more in production)")
            @Max(value = 3_600_000, message = "must be between 1 and 3600000 (100 or more in production)")
            Long perPeerIntervalMs,
            @Min(value = 1, message = "must be between 1 and 1000000")
            @Max(value = 1_000_000, message = "must be between 1 and 1000000") Integer perPeerBurst) {
        public RateLimit {
            perPeerIntervalMs = orDefault(perPeerIntervalMs, 1000L);
            perPeerBurst = orDefault(perPeerBurst, 5);
        }
    }

    public record Limits(
            @Min(value = 1, message = "must be between 1 and 4096")
            @Max(value = 4096, message = "must be between 1 and 4096") Integer maxConcurrentRequests,
            Integer maxConcurrentPerPeer,
            @DurationRange(min = "0s", max = "1m") Duration malformedPenalty) {
        public Limits {
            maxConcurrentRequests = orDefault(maxConcurrentRequests, 64);
            maxConcurrentPerPeer = orDefault(maxConcurrentPerPeer, 8);
            malformedPenalty = orDefault(malformedPenalty, Duration.ofSeconds(2));
        }
    }

    public record Ssh(
            @NotNull(message = "is not a user name") @Pattern(regexp = USER, message = "is not a user name") String user,
            @Min(value = 1, message = "must be 1..65535") @Max(value = 65535, message = "must be 1..65535") Integer port,
            @DurationRange(min = "100ms", max = "2m") Duration connectTimeout,
            @DurationRange(min = "100ms", max = "5m") Duration commandTimeout,
            /* Our own pinned host keys; empty = {@code <state_dir>/ssh/known_hosts}. */
            String knownHostsFile,
            /* The cluster's shared known_hosts, trusted when present. */
            String proxmoxKnownHostsFile,
            String command) {
        public Ssh {
            user = orDefault(user, "root");
            port = orDefault(port, 22);
            connectTimeout = orDefault(connectTimeout, Duration.ofSeconds(5));
            commandTimeout = orDefault(commandTimeout, Duration.ofSeconds(15));
            knownHostsFile = orDefault(knownHostsFile, "");
            proxmoxKnownHostsFile = orDefault(proxmoxKnownHostsFile, "/etc/pve/priv/known_hosts");
            command = orDefault(command, "sensors -j");
        }
    }

    public record Smart(
            Boolean enabled,
            @DurationRange(min = "10s", max = "1d") Duration interval,
            List<@NotBlank(message = "empty") String> devices,
            List<@NotBlank(message = "empty") String> smartctlCommand) {
        public Smart {
            enabled = orDefault(enabled, false);
            interval = orDefault(interval, Duration.ofMinutes(30));
            devices = list(devices, List.of());
            smartctlCommand = list(smartctlCommand, List.of("smartctl"));
        }
    }

    /** Checked only when {@link #configured()}: an unused block may hold anything valid as a type. */
    public record ControlPlane(
            /* The hub's base URL; empty = no sync (the list is allowed_nodes.yaml). */
            String url,
            /* The 0600 file holding the control token ({@code hfp_...}), relative to config.yaml's directory; re-read before every sync. */
            String tokenFile,
            /* Until the hub's first answer says otherwise, the time between syncs. */
            Duration refreshInterval,
            /* The first retry after a failure; doubled per failure (with jitter) up to the refresh interval. */
            Duration retryInitial,
            Duration timeout,
            /* PEM CA bundle that signed the hub's certificate; empty = the JVM's trusted CAs. */
            String caFile,
            /* SHA-256 of the hub's certificate: trusted by exactly this certificate instead of by a CA. */
            String pinnedFingerprint,
            /* Accept any certificate. Only for tests and emergencies; logged at every start. */
            Boolean insecureSkipVerify,
            /* Allow an {@code http://} URL (the token then crosses the network in clear). */
            Boolean allowPlainHttp) {
        public static final String DEFAULT_TOKEN_FILE = ".control-token";

        public ControlPlane {
            url = orDefault(url, "");
            tokenFile = orDefault(tokenFile, DEFAULT_TOKEN_FILE);
            refreshInterval = orDefault(refreshInterval, Duration.ofSeconds(60));
            retryInitial = orDefault(retryInitial, Duration.ofSeconds(2));
            timeout = orDefault(timeout, Duration.ofSeconds(10));
            caFile = orDefault(caFile, "");
            pinnedFingerprint = canonicalWhenValid(orDefault(pinnedFingerprint, ""));
            insecureSkipVerify = orDefault(insecureSkipVerify, false);
            allowPlainHttp = orDefault(allowPlainHttp, false);
        }

        public boolean configured() {
            return !url.isBlank();
        }
    }

    /** Any accepted spelling becomes the canonical one; anything else stays as written for the checks to name. */
    private static String canonicalWhenValid(String fingerprint) {
        return Fingerprint.isValid(fingerprint) ? Fingerprint.parse(fingerprint).toString() : fingerprint;
    }

    private static <V> V orDefault(V value, V fallback) {
        return value == null ? fallback : value;
    }

    private static <E> List<E> list(List<E> value, List<E> fallback) {
        // Items may be null (`[~]`); validation names them, so the list is kept as written, only made unmodifiable.
        return value == null ? fallback : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(value));
    }
}
