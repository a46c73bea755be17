package io.homefleet.sensorproxy.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code config.yaml}, applies {@code HOMEFLEET_SENSOR_PROXY_*} environment overrides (one per key,
 * nested keys joined by '_': {@code HOMEFLEET_SENSOR_PROXY_RATE_LIMIT_PER_PEER_BURST}), binds the result and
 * validates it. Unknown keys are errors so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "HOMEFLEET_SENSOR_PROXY_";
    public static final Path DEFAULT_FILE = Path.of("/etc/homefleet-sensor-proxy/config.yaml");
    /** Names the seed documented, kept so existing unit overrides keep working. */
    private static final Map<String, String> SEED_ALIASES = Map.of(
            "ALLOWED_SUBNETS", "allowed_source_subnets",
            "HTTP_ADDR", "http_listen_addr",
            "METRICS_ADDR", "metrics_address");
    /** Lists the seed appends to from the environment instead of replacing. */
    private static final List<String> APPENDING = List.of("allowed_source_subnets");

    private final ObjectMapper mapper;
    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        SimpleModule durations = new SimpleModule().addDeserializer(Duration.class, new Durations.Deserializer());
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(durations)
                // `key:` with no value in YAML is null: keep the default rather than fail later on a missing value
                .defaultSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forValueNulls(
                        com.fasterxml.jackson.annotation.Nulls.SKIP))
                .build();
    }

    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv());
    }

    /** Loads and validates; an absent file means all defaults (plus environment). */
    public LoadedConfig load(Path file) throws ConfigException {
        Path configFile = file.toAbsolutePath().normalize();
        Map<String, Object> tree = YamlFiles.mapping(YamlFiles.text(configFile), configFile);
        applyEnvironment(tree);
        ProxyConfig config;
        try {
            config = mapper.convertValue(tree, ProxyConfig.class);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(configFile + ": " + describe(e));
        }
        resolvePaths(config, configFile.getParent());
        List<String> problems = ConfigValidator.problems(config);
        if (problems.isEmpty() && !config.httpAuthTokenFile.isBlank()) {
            readHttpToken(config, problems);
        }
        AllowedNodesFile nodesFile = new AllowedNodesFile(Path.of(config.allowedNodesFile));
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

    @SuppressWarnings("unchecked")
    private void applyEnvironment(Map<String, Object> tree) throws ConfigException {
        List<String> problems = new ArrayList<>();
        for (EnvKey key : envKeys()) {
            String value = environment.get(key.envName());
            for (Map.Entry<String, String> alias : SEED_ALIASES.entrySet()) {
                if (value == null && alias.getValue().equals(key.path()) && environment.containsKey(ENV_PREFIX + alias.getKey())) {
                    value = environment.get(ENV_PREFIX + alias.getKey());
                }
            }
            if (value == null) {
                continue;
            }
            Map<String, Object> parent = tree;
            String[] parts = key.path().split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = parent.get(parts[i]);
                if (!(child instanceof Map)) {
                    child = new LinkedHashMap<String, Object>();
                    parent.put(parts[i], child);
                }
                parent = (Map<String, Object>) child;
            }
            String leaf = parts[parts.length - 1];
            try {
                Object converted = convert(key, value);
                if (APPENDING.contains(key.path()) && parent.get(leaf) instanceof List<?> existing) {
                    List<Object> merged = new ArrayList<>(existing);
                    merged.addAll((List<?>) converted);
                    converted = merged;
                }
                parent.put(leaf, converted);
            } catch (IllegalArgumentException e) {
                problems.add(key.envName() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static Object convert(EnvKey key, String value) {
        if (!key.list()) {
            return value.trim();
        }
        List<String> items = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (key.elementType() == ProxyConfig.AllowedPeer.class) {
            // uid:cap+cap,uid:cap — e.g. 0:read+write+admin,1000:read
            List<Object> peers = new ArrayList<>();
            for (String item : items) {
                String[] uidCaps = item.split(":", 2);
                Map<String, Object> peer = new LinkedHashMap<>();
                peer.put("uid", uidCaps[0].trim());
                peer.put("capabilities", uidCaps.length > 1 ? List.of(uidCaps[1].split("\\+")) : List.of("read"));
                peers.add(peer);
            }
            return peers;
        }
        return new ArrayList<>(items);
    }

    /** Every key and its environment variable name, derived from {@link ProxyConfig}'s fields. */
    public static List<EnvKey> envKeys() {
        List<EnvKey> keys = new ArrayList<>();
        collect(ProxyConfig.class, "", keys);
        return keys;
    }

    private static void collect(Class<?> type, String prefix, List<EnvKey> keys) {
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String name = prefix + snake(f.getName());
            Class<?> t = f.getType();
            if (t.getEnclosingClass() == ProxyConfig.class && !t.isEnum()) {
                collect(t, name + ".", keys);
            } else {
                boolean list = List.class.isAssignableFrom(t);
                Class<?> element = list ? (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0] : t;
                keys.add(new EnvKey(name, ENV_PREFIX + name.replace('.', '_').toUpperCase(Locale.ROOT), list, element));
            }
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static void resolvePaths(ProxyConfig c, Path base) {
        // Relative paths are relative to the config file, so a config directory can be moved as a whole.
        c.socketPath = resolve(base, c.socketPath);
        c.stateDir = resolve(base, c.stateDir);
        c.auditLog = resolve(base, c.auditLog);
        c.allowedNodesFile = resolve(base, c.allowedNodesFile);
        c.hwmonDir = resolve(base, c.hwmonDir);
        c.thermalDir = resolve(base, c.thermalDir);
        c.subuidFile = resolve(base, c.subuidFile);
        c.subgidFile = resolve(base, c.subgidFile);
        c.httpTlsCert = resolve(base, c.httpTlsCert);
        c.httpTlsKey = resolve(base, c.httpTlsKey);
        c.httpClientCa = resolve(base, c.httpClientCa);
        c.ssh.knownHostsFile = c.ssh.knownHostsFile.isBlank()
                ? Path.of(c.stateDir, "ssh", "known_hosts").toString() : resolve(base, c.ssh.knownHostsFile);
        c.controlPlane.tokenFile = resolve(base, c.controlPlane.tokenFile);
        c.controlPlane.caFile = resolve(base, c.controlPlane.caFile);
        c.httpAuthTokenFile = resolve(base, c.httpAuthTokenFile);
    }

    /** The HTTPS token lives in its own 0600 file so config.yaml can stay world-readable. */
    private static void readHttpToken(ProxyConfig c, List<String> problems) {
        try {
            String token = SecretFiles.read(Path.of(c.httpAuthTokenFile));
            if (c.httpEnabled && token.length() < 16) {
                problems.add("http_auth_token_file: " + c.httpAuthTokenFile + " holds fewer than 16 characters");
            }
            c.httpAuthToken = token;
        } catch (IOException e) {
            problems.add("http_auth_token_file: " + e.getMessage());
        }
    }

    private static String resolve(Path base, String value) {
        if (value == null || value.isBlank() || base == null) {
            return value == null ? "" : value;
        }
        return base.resolve(value).normalize().toString();
    }

    private static String describe(IllegalArgumentException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", "));
            return "unknown key '" + path(u) + "' (known here: " + known + ")";
        }
        if (cause instanceof JsonMappingException m) {
            return "bad value for '" + path(m) + "': " + m.getOriginalMessage().lines().findFirst().orElse("");
        }
        return e.getMessage();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** One configurable key: its dotted YAML path and the environment variable that overrides it. */
    public record EnvKey(String path, String envName, boolean list, Class<?> elementType) {
    }
}
