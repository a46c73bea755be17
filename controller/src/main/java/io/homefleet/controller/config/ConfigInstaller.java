package io.homefleet.controller.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.controller.bootstrap.BootstrapSeeder;
import io.homefleet.service.config.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a new controller.yaml only when it is valid: the candidate is checked by the same loader the daemon uses
 * (written to a 0600 temp file beside the real one), then put in place atomically. A key given inline as
 * {@code hub.customer_key} (as a hub-generated file may carry it) is moved to its own 0600 file first, so
 * controller.yaml never holds a secret. Nothing is written when anything is wrong.
 */
public final class ConfigInstaller {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private final Path configFile;

    public ConfigInstaller(Path configFile) {
        this.configFile = configFile;
    }

    /** Validates and installs {@code yaml} as the whole controller.yaml. */
    public synchronized ControllerConfig installYaml(String yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml == null ? "" : yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(configFile, List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new InvalidConfigException(configFile, List.of("the top level must be a mapping of keys to values"));
        }
        return install(object);
    }

    /** Deep-merges {@code changes} over the current controller.yaml (objects merge, everything else replaces). */
    public synchronized ControllerConfig merge(ObjectNode changes) throws IOException {
        return update(current -> deepMerge(current, changes));
    }

    /** Changes the current controller.yaml as {@code change} says, checked and written like any other install. */
    public synchronized ControllerConfig update(java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode current = Files.exists(configFile) && YAML.readTree(configFile.toFile()) instanceof ObjectNode o
                ? o : YAML.createObjectNode();
        change.accept(current);
        return install(current);
    }

    private ControllerConfig install(ObjectNode tree) {
        try {
            Path dir = configFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            JsonNode hub = tree.get("hub");
            String inlineKey = hub instanceof ObjectNode h && h.hasNonNull("customer_key") ? h.get("customer_key").asText()
                    : null;
            Path keyFile = null;
            if (inlineKey != null) {
                if (TokenKind.of(inlineKey).orElse(null) != TokenKind.CUSTOMER) {
                    throw new InvalidConfigException(configFile, List.of("hub.customer_key: is "
                            + TokenKind.of(inlineKey).map(k -> "a " + k.displayName()).orElse("not a Homefleet key")
                            + " where the customer key (hfc_...) is required"));
                }
                ObjectNode h = (ObjectNode) hub;
                h.remove("customer_key");
                keyFile = h.hasNonNull("customer_key_file") ? Path.of(h.get("customer_key_file").asText())
                        : dir.resolve(BootstrapSeeder.CUSTOMER_KEY_FILE);
                h.put("customer_key_file", keyFile.toString());
            }
            byte[] text = YAML.writeValueAsBytes(tree);
            Path candidate = Files.createTempFile(dir, ".controller.yaml.", ".candidate");
            try {
                AtomicFiles.writeSecret(candidate, text);
                ControllerConfig checked = ControllerConfigLoader.load(candidate);
                if (keyFile != null) {
                    AtomicFiles.writeSecret(keyFile, (inlineKey + "\n").getBytes(StandardCharsets.UTF_8));
                }
                AtomicFiles.writeSecret(configFile, text);
                return ControllerConfigLoader.load(configFile);
            } catch (InvalidConfigException e) {
                throw new InvalidConfigException(configFile, e.problems());
            } finally {
                Files.deleteIfExists(candidate);
            }
        } catch (IOException e) {
            throw new InvalidConfigException(configFile, List.of("cannot write: " + e.getMessage()));
        }
    }

    static void deepMerge(ObjectNode target, ObjectNode changes) {
        Iterator<Map.Entry<String, JsonNode>> fields = changes.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue() instanceof ObjectNode change && target.get(f.getKey()) instanceof ObjectNode existing) {
                deepMerge(existing, change);
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper VIEW = io.homefleet.common.json.Json.mapper().copy()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("config-view")
                    .addSerializer(Path.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializer(Path.class))
                    .addSerializer(java.time.Duration.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(
                            java.time.Duration.class) {
                        @Override
                        public void serialize(java.time.Duration d, com.fasterxml.jackson.core.JsonGenerator g,
                                              com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
                            g.writeString(spelled(d));
                        }
                    }));

    /** The live values as controller.yaml spells them, secrets redacted (the web password hash, the session secret,
     * infrastructure values; the keys themselves live in their own files). */
    public static ObjectNode redacted(ControllerConfig config) {
        ObjectNode tree = VIEW.valueToTree(config);
        if (tree.get("web") instanceof ObjectNode web) {
            for (String secret : List.of("password_hash", "session_secret")) {
                if (web.hasNonNull(secret)) {
                    web.put(secret, "(set, redacted)");
                }
            }
        }
        if (tree.get("infrastructure") instanceof ObjectNode infra) {
            List<String> names = new java.util.ArrayList<>();
            infra.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> infra.put(n, "(set, redacted)"));
        }
        return tree;
    }

    /**
     * The live config as the hub compares it: dotted key → value, secrets as {@code sha256:<hex>}
     * ({@link io.homefleet.common.contract.v1.SecretDigest}), never in clear; {@code hub.customer_key} is the digest of
     * the key file's content.
     */
    public static java.util.Map<String, Object> reportedValues(ControllerConfig config) {
        ObjectNode tree = VIEW.valueToTree(config);
        java.util.Map<String, Object> values = new java.util.TreeMap<>();
        flatten("", tree, values);
        for (String secret : List.of("web.password_hash", "web.session_secret")) {
            values.computeIfPresent(secret, (k, v) -> io.homefleet.common.contract.v1.SecretDigest.of(String.valueOf(v)));
        }
        values.replaceAll((k, v) -> k.startsWith("infrastructure.") && v != null
                ? io.homefleet.common.contract.v1.SecretDigest.of(String.valueOf(v)) : v);
        if (config.hub() != null && config.hub().customerKeyFile() != null) {
            try {
                String key = Files.readString(config.hub().customerKeyFile()).strip();
                values.put("hub.customer_key", io.homefleet.common.contract.v1.SecretDigest.of(key));
            } catch (IOException e) {
                // unreadable: the report's health says so through the hub link; no value to compare
            }
        }
        return values;
    }

    private static void flatten(String prefix, JsonNode node, java.util.Map<String, Object> into) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                    f.getValue(), into));
        } else if (!node.isNull() && into.size() < 4096) {
            into.put(prefix, VIEW.convertValue(node, Object.class));
        }
    }

    /** {@code 15m}, {@code 30s}, {@code 1h}, {@code 250ms}: as the file takes it. */
    static String spelled(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
