package io.homefleet.sensorproxy.cli;

import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.TemperatureProxyRegistered;
import io.homefleet.common.contract.v1.TemperatureProxyRegistration;
import io.homefleet.sensorproxy.HostName;
import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.ConfigFileEditor;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.config.ControlPlaneSnapshot;
import io.homefleet.sensorproxy.config.ControlPlaneUrl;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.ProxyConfig;
import io.homefleet.sensorproxy.config.SecretFiles;
import io.homefleet.sensorproxy.controlplane.AuthorizedNodesCheck;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.TrustOptions;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code register}: enrols this proxy with the hub's control plane, or re-enrols it (which rotates its tokens).
 * Writes the control token (and for kind http the HTTPS token) to 0600 files, adds or updates the
 * {@code control_plane} block of config.yaml (locked, validated, atomic; the rest of the file untouched), and pulls
 * the list once so allowed_nodes.yaml holds the hub's list before the daemon starts. Safe to run again.
 */
@Dependent
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register this proxy with the hub, store its tokens, enable the control-plane sync in config.yaml "
                + "and prime allowed_nodes.yaml. Running it again rotates the tokens.")
public class RegisterCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int INVALID = 2;

    @Mixin
    ConfigFileOption config;

    @Option(names = "--hub", required = true, paramLabel = "URL", description = "the hub's base URL, e.g. https://hub.example.net")
    String hub;

    @Option(names = "--host-key-file", required = true, paramLabel = "FILE",
            description = "0600 file holding this host's hub key (hfh_...)")
    Path hostKeyFile;

    @Option(names = "--kind", defaultValue = "socket", paramLabel = "KIND",
            description = "socket (default) or http (also serve HTTPS; needs --proxy-url)")
    String kind;

    @Option(names = "--proxy-url", paramLabel = "URL", description = "kind http: where the hub's side reaches this proxy's HTTPS listener")
    String proxyUrl;

    @Option(names = "--hostname", paramLabel = "NAME", description = "this host's name at the hub (default: node_name, else the hostname)")
    String hostname;

    @Option(names = "--token-file", paramLabel = "FILE", description = "where to keep the control token (default: control_plane.token_file)")
    Path tokenFile;

    @Option(names = "--http-token-file", paramLabel = "FILE",
            description = "kind http: where to keep the HTTPS token (default: http_auth_token_file, else .http-token beside config.yaml)")
    Path httpTokenFile;

    @ArgGroup(exclusive = true)
    Trust trust;

    @Option(names = "--allow-plain-http", description = "accept an http:// hub URL (the tokens then cross the network in clear)")
    boolean allowPlainHttp;

    @Inject
    SensorProxySettings settings;

    /** How to trust the hub's certificate; without one, what config.yaml says, else the JVM's CAs. */
    static class Trust {
        @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM CA bundle that signed the hub's certificate")
        Path caFile;

        @Option(names = "--pinned-fingerprint", paramLabel = "SHA256", description = "trust exactly the hub certificate with this SHA-256")
        String pinnedFingerprint;

        @Option(names = "--insecure-skip-verify", description = "accept any hub certificate (tests only)")
        boolean insecure;
    }

    @Override
    public Integer call() {
        Optional<LoadedConfig> loaded = config.loadOrReport(settings);
        if (loaded.isEmpty()) {
            return INVALID;
        }
        ProxyConfig c = loaded.get().config();
        Path configFile = loaded.get().configFile();
        Path configDir = configFile.getParent();
        ProxyConfig.ControlPlane existing = c.controlPlane();

        TemperatureProxyRegistration.Kind registrationKind;
        try {
            registrationKind = switch (kind) {
                case "socket" -> TemperatureProxyRegistration.Kind.SOCKET;
                case "http" -> TemperatureProxyRegistration.Kind.HTTP;
                default -> throw new IllegalArgumentException("--kind must be socket or http, not '" + kind + "'");
            };
            if (registrationKind == TemperatureProxyRegistration.Kind.HTTP && (proxyUrl == null || !proxyUrl.startsWith("https://"))) {
                throw new IllegalArgumentException("--kind http needs --proxy-url https://...");
            }
            if (registrationKind == TemperatureProxyRegistration.Kind.SOCKET && proxyUrl != null) {
                throw new IllegalArgumentException("--proxy-url is only for --kind http");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return INVALID;
        }
        boolean plainHttp = allowPlainHttp || existing.allowPlainHttp();
        URI base;
        try {
            base = ControlPlaneUrl.parse(hub, plainHttp);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --hub: " + e.getMessage());
            return INVALID;
        }
        // Trust: the command line wins; otherwise keep what config.yaml already says, so a re-run keeps its pin.
        String caFile = trust != null ? (trust.caFile == null ? "" : trust.caFile.toAbsolutePath().toString()) : existing.caFile();
        String pin = trust != null ? (trust.pinnedFingerprint == null ? "" : trust.pinnedFingerprint) : existing.pinnedFingerprint();
        boolean insecure = trust != null ? trust.insecure : existing.insecureSkipVerify();
        if (!pin.isBlank()) {
            // config.yaml gets the one spelling every service prints, whatever spelling was typed.
            try {
                pin = Fingerprint.parse(pin).toString();
            } catch (IllegalArgumentException e) {
                System.err.println("error: --pinned-fingerprint: " + e.getMessage());
                return INVALID;
            }
        }

        String hostKey;
        try {
            hostKey = SecretFiles.read(hostKeyFile);
        } catch (IOException e) {
            System.err.println("error: --host-key-file: " + e.getMessage());
            return INVALID;
        }
        String name = hostname != null ? hostname : c.nodeName().isBlank() ? HostName.local() : c.nodeName();
        String certFingerprint = null;
        if (registrationKind == TemperatureProxyRegistration.Kind.HTTP) {
            try {
                certFingerprint = c.httpsCertificate(name).ensure().toString();
            } catch (IOException e) {
                System.err.println("error: the HTTPS certificate: " + e.getMessage());
                return FAILED;
            }
        }

        HubApi hub;
        try {
            hub = HubHttpClient.create(ControlPlaneUrl.connection(base, TrustOptions.fromSettings(caFile, pin, insecure),
                    existing.timeout()));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            return INVALID;
        }
        TemperatureProxyRegistered registered;
        try {
            registered = hub.registerTemperatureProxy(Credential.bearer(hostKey),
                    new TemperatureProxyRegistration(name, proxyUrl, registrationKind, certFingerprint));
        } catch (HubException e) {
            System.err.println("error: the hub did not register this proxy: " + e.getMessage());
            return FAILED;
        }
        System.out.printf("registered with %s: host %s, cluster %s, instance %s, %d allowed nodes%n", base,
                registered.hostId(), registered.cluster() == null ? "(none)" : registered.cluster(), registered.instanceId(),
                registered.allowedNodes().size());

        Path ctrlTokenFile = tokenFile != null ? tokenFile.toAbsolutePath() : Path.of(existing.tokenFile());
        Map<String, Object> changes = new LinkedHashMap<>();
        try {
            SecretFiles.write(ctrlTokenFile, registered.ctrlToken());
            System.out.println("wrote the control token to " + ctrlTokenFile + " (0600)");
            if (registrationKind == TemperatureProxyRegistration.Kind.HTTP) {
                Path httpFile = httpTokenFile != null ? httpTokenFile.toAbsolutePath()
                        : !c.httpAuthTokenFile().isBlank() ? Path.of(c.httpAuthTokenFile()) : configDir.resolve(".http-token");
                SecretFiles.write(httpFile, registered.httpToken());
                System.out.println("wrote the HTTPS token to " + httpFile + " (0600)");
                changes.put("http_enabled", true);
                changes.put("http_auth_token_file", relative(configDir, httpFile));
                changes.put("http_auth_token", null);
            }
        } catch (IOException e) {
            System.err.println("error: cannot write a token file: " + e.getMessage());
            return FAILED;
        }

        Map<String, Object> block = new LinkedHashMap<>();
        try {
            Object current = new ConfigFileEditor(configFile, ConfigLoader.fromSystem()).read().get("control_plane");
            if (current instanceof Map<?, ?> m) {
                m.forEach((k, v) -> block.put(String.valueOf(k), v));
            }
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.err.println("error: " + p));
            return INVALID;
        }
        block.put("url", base.toString());
        block.put("token_file", relative(configDir, ctrlTokenFile));
        block.putIfAbsent("refresh_interval", registered.refreshInterval() + "s");
        putOrRemove(block, "ca_file", caFile.isBlank() ? null : caFile);
        putOrRemove(block, "pinned_fingerprint", pin.isBlank() ? null : pin);
        putOrRemove(block, "insecure_skip_verify", insecure ? Boolean.TRUE : null);
        putOrRemove(block, "allow_plain_http", plainHttp ? Boolean.TRUE : null);
        changes.put("control_plane", block);
        boolean configChanged;
        try {
            configChanged = new ConfigFileEditor(configFile, ConfigLoader.fromSystem()).set(changes);
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.err.println("error: config.yaml not changed: " + p));
            return INVALID;
        } catch (IOException e) {
            System.err.println("error: cannot write " + configFile + ": " + e.getMessage());
            return FAILED;
        }
        System.out.println(configChanged ? "updated " + configFile + " (control_plane" + (changes.containsKey("http_enabled")
                ? ", http_enabled, http_auth_token_file" : "") + ")" : configFile + " already up to date");
        if (c.legacyAllowlist()) {
            System.out.println("warning: legacy_allowlist is true in " + configFile
                    + ": the daemon keeps using allowed_nodes.yaml until you remove it");
        }

        try {
            Optional<AuthorizedNodes> list = AuthorizedNodesCheck.checked(
                    hub.authorizedNodes(Credential.proxyToken(registered.ctrlToken()), null));
            AuthorizedNodes nodes = list.orElseThrow();
            loaded.get().allowedNodesFile().writeSnapshot(ControlPlaneSnapshot.of(nodes, Instant.now(), base.toString()));
            System.out.println("primed " + loaded.get().allowedNodesFile().path() + ": " + nodes.nodes().size()
                    + " entries, " + nodes.hash());
        } catch (HubException | IOException e) {
            System.out.println("warning: allowed_nodes.yaml not primed (the daemon's first sync will fetch the list): "
                    + e.getMessage());
        }
        if (configChanged || registrationKind == TemperatureProxyRegistration.Kind.HTTP) {
            // The HTTPS listener reads its token at start; the control token is re-read before every pull.
            System.out.println("restart the sensor proxy to apply " + (configChanged ? "config.yaml" : "the new HTTPS token")
                    + " (systemctl restart homefleet-sensor-proxy)");
        } else {
            System.out.println("a running sensor proxy picks up the new token at its next sync; no restart needed");
        }
        return 0;
    }

    private static void putOrRemove(Map<String, Object> block, String key, Object value) {
        if (value == null) {
            block.remove(key);
        } else {
            block.put(key, value);
        }
    }

    /** Paths beside config.yaml are written relative to it, so the config directory can move as a whole. */
    private static String relative(Path configDir, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.getParent() != null && absolute.getParent().equals(configDir)
                ? absolute.getFileName().toString() : absolute.toString();
    }
}
