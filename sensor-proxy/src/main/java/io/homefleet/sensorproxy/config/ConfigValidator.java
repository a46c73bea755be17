package io.homefleet.sensorproxy.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a bound configuration and names every problem with its key; nothing starts with a bad config. */
final class ConfigValidator {
    static final Set<String> CAPABILITIES = Set.of("read", "write", "admin");
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");
    private static final Pattern USER = Pattern.compile("^[a-z_][a-z0-9_-]{0,31}\\$?$");
    private static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern FINGERPRINT = Pattern.compile(
            io.homefleet.common.contract.v1.TemperatureProxyRegistration.FINGERPRINT);

    private ConfigValidator() {
    }

    static List<String> problems(ProxyConfig c) {
        List<String> p = new ArrayList<>();
        absolute(p, "socket_path", c.socketPath);
        if (c.socketPath.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            p.add("socket_path: longer than the 107 bytes a Unix socket path may have");
        }
        absolute(p, "state_dir", c.stateDir);
        absolute(p, "audit_log", c.auditLog);
        absolute(p, "allowed_nodes_file", c.allowedNodesFile);
        if (!c.nodeName.isBlank()) {
            NodeNames.problem(c.nodeName).ifPresent(m -> p.add("node_name: " + m));
        }
        noNullItems(p, "allowed_source_subnets", c.allowedSourceSubnets);
        noNullItems(p, "sensors_command", c.sensorsCommand);
        noNullItems(p, "smart.devices", c.smart.devices);
        noNullItems(p, "smart.smartctl_command", c.smart.smartctlCommand);
        if (!p.isEmpty()) {
            return p;
        }
        for (int i = 0; i < c.allowedSourceSubnets.size(); i++) {
            try {
                Cidr.parse(c.allowedSourceSubnets.get(i));
            } catch (IllegalArgumentException e) {
                p.add("allowed_source_subnets[" + i + "]: " + e.getMessage());
            }
        }
        for (int i = 0; i < c.allowedPeers.size(); i++) {
            ProxyConfig.AllowedPeer peer = c.allowedPeers.get(i);
            if (peer == null || peer.uid == null || peer.uid < 0) {
                p.add("allowed_peers[" + i + "].uid: required, a number ≥ 0");
                continue;
            }
            if (peer.capabilities == null || peer.capabilities.isEmpty()) {
                p.add("allowed_peers[" + i + "].capabilities: list at least one of read, write, admin");
            } else {
                for (String cap : peer.capabilities) {
                    if (!CAPABILITIES.contains(cap)) {
                        p.add("allowed_peers[" + i + "].capabilities: '" + cap + "' is not one of read, write, admin");
                    }
                }
            }
        }
        c.allowedPeerUids.forEach(u -> nonNegative(p, "allowed_peer_uids", u));
        c.allowedPeerGids.forEach(g -> nonNegative(p, "allowed_peer_gids", g));
        for (String user : c.allowedIdmapUsers) {
            if (user == null || !USER.matcher(user).matches()) {
                p.add("allowed_idmap_users: '" + user + "' is not a user name");
            }
        }
        if (!LOG_LEVELS.contains(c.logLevel.toLowerCase(java.util.Locale.ROOT))) {
            p.add("log_level: '" + c.logLevel + "' is not one of " + LOG_LEVELS);
        }
        if (!c.metricsAddress.equals("default")) {
            listen(p, "metrics_address", c.metricsAddress);
        }
        duration(p, "read_timeout", c.readTimeout, Duration.ofMillis(10), Duration.ofMinutes(5));
        duration(p, "write_timeout", c.writeTimeout, Duration.ofMillis(10), Duration.ofMinutes(5));
        duration(p, "cache_ttl", c.cacheTtl, Duration.ZERO, Duration.ofMinutes(10));
        if (c.maxSshOutputBytes < 1024 || c.maxSshOutputBytes > 64 * 1024 * 1024) {
            p.add("max_ssh_output_bytes: must be between 1024 and 67108864");
        }
        for (int i = 0; i < c.allowedNodes.size(); i++) {
            try {
                NodeNames.normalizeEntry(c.allowedNodes.get(i));
            } catch (IllegalArgumentException e) {
                p.add("allowed_nodes[" + i + "]: " + e.getMessage());
            }
        }
        if (c.rateLimit.perPeerIntervalMs < 1 || c.rateLimit.perPeerIntervalMs > 3_600_000) {
            p.add("rate_limit.per_peer_interval_ms: must be between 1 and 3600000 (100 or more in production)");
        }
        if (c.rateLimit.perPeerBurst < 1 || c.rateLimit.perPeerBurst > 1_000_000) {
            p.add("rate_limit.per_peer_burst: must be between 1 and 1000000");
        }
        if (c.limits.maxConcurrentRequests < 1 || c.limits.maxConcurrentRequests > 4096) {
            p.add("limits.max_concurrent_requests: must be between 1 and 4096");
        }
        if (c.limits.maxConcurrentPerPeer < 1 || c.limits.maxConcurrentPerPeer > c.limits.maxConcurrentRequests) {
            p.add("limits.max_concurrent_per_peer: must be between 1 and limits.max_concurrent_requests");
        }
        duration(p, "limits.malformed_penalty", c.limits.malformedPenalty, Duration.ZERO, Duration.ofMinutes(1));
        listen(p, "http_listen_addr", c.httpListenAddr);
        if (!c.httpAuthToken.isBlank() && !c.httpAuthTokenFile.isBlank()) {
            p.add("http_auth_token and http_auth_token_file: set one, not both");
        } else if (c.httpEnabled && c.httpAuthTokenFile.isBlank() && c.httpAuthToken.length() < MIN_TOKEN_LENGTH) {
            // (a token file is read and checked by the loader once the rest is valid)
            p.add("http_auth_token: required when http_enabled is true (or http_auth_token_file), at least "
                    + MIN_TOKEN_LENGTH + " characters");
        }
        if (c.httpTlsCert.isBlank() != c.httpTlsKey.isBlank()) {
            p.add("http_tls_cert and http_tls_key: set both or neither (neither = generated at first start)");
        }
        if (!c.httpClientCa.isBlank() && !Files.isReadable(Path.of(c.httpClientCa))) {
            p.add("http_client_ca: " + c.httpClientCa + " is not a readable file");
        }
        if (c.ssh.port < 1 || c.ssh.port > 65535) {
            p.add("ssh.port: must be 1..65535");
        }
        if (c.ssh.user == null || !USER.matcher(c.ssh.user).matches()) {
            p.add("ssh.user: '" + c.ssh.user + "' is not a user name");
        }
        duration(p, "ssh.connect_timeout", c.ssh.connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(2));
        duration(p, "ssh.command_timeout", c.ssh.commandTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
        if (c.sensorsCommand.isEmpty()) {
            p.add("sensors_command: must name a program");
        }
        duration(p, "smart.interval", c.smart.interval, Duration.ofSeconds(10), Duration.ofDays(1));
        controlPlane(p, c.controlPlane);
        return p;
    }

    private static void controlPlane(List<String> p, ProxyConfig.ControlPlane cp) {
        if (!cp.configured()) {
            return;
        }
        try {
            ControlPlaneUrl.parse(cp.url, cp.allowPlainHttp);
        } catch (IllegalArgumentException e) {
            p.add("control_plane.url: " + e.getMessage());
        }
        absolute(p, "control_plane.token_file", cp.tokenFile);
        duration(p, "control_plane.refresh_interval", cp.refreshInterval, Duration.ofSeconds(1), Duration.ofHours(1));
        duration(p, "control_plane.retry_initial", cp.retryInitial, Duration.ofMillis(100), Duration.ofMinutes(10));
        duration(p, "control_plane.timeout", cp.timeout, Duration.ofMillis(100), Duration.ofMinutes(2));
        int trustChoices = (cp.caFile.isBlank() ? 0 : 1) + (cp.pinnedFingerprint.isBlank() ? 0 : 1)
                + (cp.insecureSkipVerify ? 1 : 0);
        if (trustChoices > 1) {
            p.add("control_plane: choose one of ca_file, pinned_fingerprint and insecure_skip_verify");
        }
        if (!cp.caFile.isBlank() && !Files.isReadable(Path.of(cp.caFile))) {
            p.add("control_plane.ca_file: " + cp.caFile + " is not a readable file");
        }
        if (!cp.pinnedFingerprint.isBlank() && !FINGERPRINT.matcher(cp.pinnedFingerprint).matches()) {
            p.add("control_plane.pinned_fingerprint: must be a SHA-256 fingerprint (64 hex digits, optionally in "
                    + "colon-separated pairs)");
        }
    }

    private static void noNullItems(List<String> p, String key, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null || items.get(i).isBlank()) {
                p.add(key + "[" + i + "]: empty");
            }
        }
    }

    private static void absolute(List<String> p, String key, String value) {
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            p.add(key + ": must be a path");
        }
    }

    private static void nonNegative(List<String> p, String key, Integer value) {
        if (value == null || value < 0) {
            p.add(key + ": '" + value + "' is not a number ≥ 0");
        }
    }

    private static void duration(List<String> p, String key, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            p.add(key + ": must be between " + min.toMillis() + " ms and " + max.toSeconds() + " s");
        }
    }

    static void listen(List<String> p, String key, String addr) {
        try {
            ListenAddress.parse(addr);
        } catch (IllegalArgumentException e) {
            p.add(key + ": " + e.getMessage());
        }
    }
}
