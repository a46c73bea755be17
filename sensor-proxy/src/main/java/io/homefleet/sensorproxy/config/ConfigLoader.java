package io.homefleet.sensorproxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.service.config.EdgeConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code config.yaml} with the shared {@link EdgeConfigLoader}: {@code HOMEFLEET_SENSOR_PROXY_*} environment
 * overrides (one per key, nested keys joined by '_': {@code HOMEFLEET_SENSOR_PROXY_RATE_LIMIT_PER_PEER_BURST}),
 * unknown keys are errors so a typo never silently falls back to a default, relative paths follow the config file.
 * Then reads the HTTPS token file and allowed_nodes.yaml, so one call says everything that is wrong.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = EdgeConfigLoader.envPrefix("sensor-proxy");
    public static final Path DEFAULT_FILE = Path.of("/etc/homefleet-sensor-proxy/config.yaml");
    /** Keys holding paths; relative ones are relative to config.yaml, so a config directory can be moved whole. */
    private static final List<String> PATHS = List.of("socket_path", "state_dir", "audit_log", "allowed_nodes_file",
            "hwmon_dir", "thermal_dir", "subuid_file", "subgid_file", "http_tls_cert", "http_tls_key", "http_client_ca",
            "http_auth_token_file", "ssh.known_hosts_file", "control_plane.token_file", "control_plane.ca_file");
    private static final EdgeConfigLoader<ProxyConfig> LOADER = EdgeConfigLoader.builder("sensor-proxy", ProxyConfig.class)
            // names the seed documented, kept so existing unit overrides keep working
            .envAlias(ENV_PREFIX + "ALLOWED_SUBNETS", "allowed_source_subnets")
            .envAlias(ENV_PREFIX + "HTTP_ADDR", "http_listen_addr")
            .envAlias(ENV_PREFIX + "METRICS_ADDR", "metrics_address")
            // as in the seed, subnets from the environment add to the file's
            .appendFromEnvironment("allowed_source_subnets")
            .envListItem("allowed_peers", ConfigLoader::peerFromEnvironment)
            .prepare(ConfigLoader::resolvePaths)
            .checks(ProxyConfigChecks::problems)
            .build();

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv());
    }

    /** Loads and validates; an absent file means all defaults (plus environment). */
    public LoadedConfig load(Path file) throws ConfigException {
        Path configFile = file.toAbsolutePath().normalize();
        ProxyConfig config;
        try {
            config = LOADER.load(configFile, environment);
        } catch (InvalidConfigException e) {
            throw new ConfigException(e.problems().size() == 1 && !e.problems().get(0).matches("^[a-z_.\\[\\]0-9]+:.*")
                    ? List.of(configFile + ": " + e.problems().get(0)) : e.problems());
        }
        List<String> problems = new ArrayList<>();
        if (!config.httpAuthTokenFile().isBlank()) {
            config = readHttpToken(config, problems);
        }
        AllowedNodesFile nodesFile = new AllowedNodesFile(Path.of(config.allowedNodesFile()));
        List<String> fileNodes = List.of();
        try {
            fileNodes = nodesFile.read();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LoadedConfig(config, configFile, nodesFile, fileNodes);
    }

    /** Every key and its environment variable name. */
    public static List<EdgeConfigLoader.EnvKey> envKeys() {
        return LOADER.envKeys();
    }

    /** {@code uid:cap+cap} — e.g. {@code 0:read+write+admin}; a bare uid reads. */
    private static JsonNode peerFromEnvironment(String item) {
        String[] uidCaps = item.split(":", 2);
        ObjectNode peer = JsonNodeFactory.instance.objectNode().put("uid", uidCaps[0].trim());
        var caps = peer.putArray("capabilities");
        List.of(uidCaps.length > 1 ? uidCaps[1].split("\\+") : new String[] {"read"}).forEach(cap -> caps.add(cap.trim()));
        return peer;
    }

    private static void resolvePaths(ObjectNode tree, Path configFile) {
        Path base = configFile.getParent();
        if (!tree.path("control_plane").hasNonNull("token_file")) {
            object(tree, "control_plane").put("token_file", ProxyConfig.ControlPlane.DEFAULT_TOKEN_FILE);
        }
        for (String key : PATHS) {
            String[] parts = key.split("\\.");
            ObjectNode parent = parts.length == 1 ? tree : tree.get(parts[0]) instanceof ObjectNode o ? o : null;
            String leaf = parts[parts.length - 1];
            if (parent != null && parent.get(leaf) != null && parent.get(leaf).isTextual()) {
                String value = parent.get(leaf).asText();
                if (!value.isBlank() && base != null) {
                    parent.put(leaf, base.resolve(value).normalize().toString());
                }
            }
        }
        JsonNode knownHosts = tree.path("ssh").path("known_hosts_file");
        if (!knownHosts.isTextual() || knownHosts.asText().isBlank()) {
            String stateDir = tree.path("state_dir").isTextual() && !tree.path("state_dir").asText().isBlank()
                    ? tree.path("state_dir").asText() : ProxyConfig.DEFAULT_STATE_DIR;
            object(tree, "ssh").put("known_hosts_file", Path.of(stateDir, "ssh", "known_hosts").toString());
        }
    }

    private static ObjectNode object(ObjectNode tree, String key) {
        return tree.get(key) instanceof ObjectNode o ? o : tree.putObject(key);
    }

    /** The HTTPS token lives in its own 0600 file so config.yaml can stay world-readable. */
    private static ProxyConfig readHttpToken(ProxyConfig c, List<String> problems) {
        try {
            String token = SecretFiles.read(Path.of(c.httpAuthTokenFile()));
            if (c.httpEnabled() && token.length() < 16) {
                problems.add("http_auth_token_file: " + c.httpAuthTokenFile() + " holds fewer than 16 characters");
            }
            return c.withHttpAuthToken(token);
        } catch (IOException e) {
            problems.add("http_auth_token_file: " + e.getMessage());
            return c;
        }
    }
}
