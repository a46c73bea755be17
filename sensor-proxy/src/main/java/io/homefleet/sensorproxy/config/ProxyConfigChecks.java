package io.homefleet.sensorproxy.config;

import io.homefleet.service.tls.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What Bean Validation on {@link ProxyConfig} cannot say: values with their own grammar (CIDRs, node names,
 * listen addresses, URLs, fingerprints), rules across keys, and files that must be readable. Each problem starts
 * with its key. Items Bean Validation already refused (null, blank) are skipped here, so each mistake is named once.
 */
final class ProxyConfigChecks {
    static final Set<String> CAPABILITIES = Set.of("read", "write", "admin");
    private static final int MIN_TOKEN_LENGTH = 16;

    private ProxyConfigChecks() {
    }

    static List<String> problems(ProxyConfig c) {
        List<String> p = new ArrayList<>();
        if (c.socketPath().getBytes(StandardCharsets.UTF_8).length > 107) {
            p.add("socket_path: longer than the 107 bytes a Unix socket path may have");
        }
        if (!c.nodeName().isBlank()) {
            NodeNames.problem(c.nodeName()).ifPresent(m -> p.add("node_name: " + m));
        }
        for (int i = 0; i < c.allowedSourceSubnets().size(); i++) {
            String subnet = c.allowedSourceSubnets().get(i);
            if (subnet != null && !subnet.isBlank()) {
                try {
                    Cidr.parse(subnet);
                } catch (IllegalArgumentException e) {
                    p.add("allowed_source_subnets[" + i + "]: " + e.getMessage());
                }
            }
        }
        for (int i = 0; i < c.allowedPeers().size(); i++) {
            ProxyConfig.AllowedPeer peer = c.allowedPeers().get(i);
            if (peer == null) {
                continue;
            }
            for (String cap : peer.capabilities()) {
                if (!CAPABILITIES.contains(cap)) {
                    p.add("allowed_peers[" + i + "].capabilities: '" + cap + "' is not one of read, write, admin");
                }
            }
        }
        if (!c.metricsAddress().equals("default")) {
            listen(p, "metrics_address", c.metricsAddress());
        }
        for (int i = 0; i < c.allowedNodes().size(); i++) {
            String node = c.allowedNodes().get(i);
            if (node != null && !node.isBlank()) {
                try {
                    NodeNames.normalizeEntry(node);
                } catch (IllegalArgumentException e) {
                    p.add("allowed_nodes[" + i + "]: " + e.getMessage());
                }
            }
        }
        ProxyConfig.Limits limits = c.limits();
        if (limits.maxConcurrentPerPeer() < 1 || limits.maxConcurrentPerPeer() > limits.maxConcurrentRequests()) {
            p.add("limits.max_concurrent_per_peer: must be between 1 and limits.max_concurrent_requests");
        }
        listen(p, "http_listen_addr", c.httpListenAddr());
        if (!c.httpAuthToken().isBlank() && !c.httpAuthTokenFile().isBlank()) {
            p.add("http_auth_token and http_auth_token_file: set one, not both");
        } else if (c.httpEnabled() && c.httpAuthTokenFile().isBlank() && c.httpAuthToken().length() < MIN_TOKEN_LENGTH) {
            // (a token file is read and checked by the loader once the rest is valid)
            p.add("http_auth_token: required when http_enabled is true (or http_auth_token_file), at least "
                    + MIN_TOKEN_LENGTH + " characters");
        }
        if (c.httpTlsCert().isBlank() != c.httpTlsKey().isBlank()) {
            p.add("http_tls_cert and http_tls_key: set both or neither (neither = generated at first start)");
        }
        readable(p, "http_client_ca", c.httpClientCa());
        controlPlane(p, c.controlPlane());
        return p;
    }

    private static void controlPlane(List<String> p, ProxyConfig.ControlPlane cp) {
        if (!cp.configured()) {
            return;
        }
        try {
            ControlPlaneUrl.parse(cp.url(), cp.allowPlainHttp());
        } catch (IllegalArgumentException e) {
            p.add("control_plane.url: " + e.getMessage());
        }
        if (cp.tokenFile().isBlank()) {
            p.add("control_plane.token_file: must be a path");
        }
        duration(p, "control_plane.refresh_interval", cp.refreshInterval(), "1s", "1h");
        duration(p, "control_plane.retry_initial", cp.retryInitial(), "100ms", "10m");
        duration(p, "control_plane.timeout", cp.timeout(), "100ms", "2m");
        long trustChoices = java.util.stream.Stream.of(!cp.caFile().isBlank(), !cp.pinnedFingerprint().isBlank(),
                cp.insecureSkipVerify()).filter(Boolean::booleanValue).count();
        if (trustChoices > 1) {
            p.add("control_plane: choose one of ca_file, pinned_fingerprint and insecure_skip_verify");
        }
        readable(p, "control_plane.ca_file", cp.caFile());
        if (!cp.pinnedFingerprint().isBlank() && !Fingerprint.isValid(cp.pinnedFingerprint())) {
            p.add("control_plane.pinned_fingerprint: must be a SHA-256 fingerprint (64 hex digits, optionally in "
                    + "colon-separated pairs, optionally after sha256:)");
        }
    }

    /** The control_plane block is checked only when it is used, so its ranges cannot be annotations. */
    private static void duration(List<String> p, String key, java.time.Duration d, String min, String max) {
        java.time.Duration lo = io.homefleet.service.config.ConfigDurations.parse(min);
        java.time.Duration hi = io.homefleet.service.config.ConfigDurations.parse(max);
        if (d.compareTo(lo) < 0 || d.compareTo(hi) > 0) {
            p.add(key + ": must be between " + min + " and " + max);
        }
    }

    private static void readable(List<String> p, String key, String file) {
        if (!file.isBlank() && !Files.isReadable(Path.of(file))) {
            p.add(key + ": " + file + " is not a readable file");
        }
    }

    static void listen(List<String> p, String key, String addr) {
        try {
            ListenAddress.parse(Objects.requireNonNull(addr));
        } catch (IllegalArgumentException e) {
            p.add(key + ": " + e.getMessage());
        }
    }
}
