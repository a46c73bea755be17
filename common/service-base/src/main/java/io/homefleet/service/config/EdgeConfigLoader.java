package io.homefleet.service.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path.Node;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Reads an edge service's YAML config file (agent.yaml, the sensor proxy's config.yaml) into an immutable record:
 * <ol>
 * <li>keys are the record components in snake_case, by Jackson's {@link PropertyNamingStrategies#SNAKE_CASE}, the
 * one camelCase↔snake_case rule for files, environment names and error messages alike;</li>
 * <li>unknown keys are errors naming the key and its line, so a typo never silently falls back to a default;</li>
 * <li>every key can be overridden from the environment: {@code HOMEFLEET_<SERVICE>_} + the key path in upper case,
 * nested keys joined by {@code _} ({@code HOMEFLEET_SENSOR_PROXY_RATE_LIMIT_PER_PEER_BURST}); lists are
 * comma-separated;</li>
 * <li>a key with no value ({@code key:}) keeps its default: the records' compact constructors fill defaults;</li>
 * <li>the result is checked with Bean Validation, then with the service's own checks for what annotations cannot
 * say; every problem is reported at once, each starting with its key.</li>
 * </ol>
 *
 * @param <T> the config record
 */
public final class EdgeConfigLoader<T> {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    // No expression language in CLIs, so messages are interpolated from annotation parameters only.
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private final Class<T> type;
    private final String envPrefix;
    private final boolean fileRequired;
    private final ObjectMapper mapper;
    private final Map<String, String> envAliases;
    private final Set<String> appendingLists;
    private final Map<String, Function<String, JsonNode>> listItemParsers;
    private final BiConsumer<ObjectNode, Path> prepare;
    private final Function<T, List<String>> checks;
    private final List<EnvKey> envKeys;

    private EdgeConfigLoader(Builder<T> b) {
        this.type = b.type;
        this.envPrefix = envPrefix(b.service);
        this.fileRequired = b.fileRequired;
        YAMLMapper.Builder yaml = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SKIP))
                .addModule(ConfigDurations.module());
        b.modules.forEach(yaml::addModule);
        this.mapper = yaml.build();
        this.envAliases = Map.copyOf(b.envAliases);
        this.appendingLists = Set.copyOf(b.appendingLists);
        this.listItemParsers = Map.copyOf(b.listItemParsers);
        this.prepare = b.prepare;
        this.checks = b.checks;
        this.envKeys = List.copyOf(collect(type, "", new ArrayList<>()));
    }

    /**
     * @param service the service's name as in its environment prefix: {@code agent}, {@code sensor-proxy}
     * @param type    the config record; nested records are nested keys
     */
    public static <T> Builder<T> builder(String service, Class<T> type) {
        return new Builder<>(service, type);
    }

    /** {@code rateLimit} → {@code rate_limit}: the one rule, Jackson's. */
    public static String snakeCase(String camelCase) {
        return SNAKE_CASE.translate(camelCase);
    }

    public static String envPrefix(String service) {
        return "HOMEFLEET_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    }

    /** Every key and the environment variable that overrides it. */
    public List<EnvKey> envKeys() {
        return envKeys;
    }

    /**
     * Reads, overrides from {@code environment}, binds and checks.
     *
     * @throws InvalidConfigException listing every problem
     */
    public T load(Path file, Map<String, String> environment) {
        String text = read(file);
        ObjectNode tree = parse(text, file);
        // Bound once from the text itself so unknown keys and bad values are reported with their line.
        if (!tree.isEmpty()) {
            try {
                mapper.readValue(text, type);
            } catch (JsonProcessingException e) {
                throw new InvalidConfigException(file, List.of(describe(e, lineOf(text, e))));
            }
        }
        applyEnvironment(tree, environment, file);
        prepare.accept(tree, file);
        T config;
        try {
            config = mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file, List.of(describe(e, "")));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(file, List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        VALIDATOR.validate(config).stream()
                .map(EdgeConfigLoader::describe)
                .sorted(Comparator.naturalOrder())
                .forEach(problems::add);
        problems.addAll(checks.apply(config));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(file, problems);
        }
        return config;
    }

    private String read(Path file) {
        try {
            String text = Files.readString(file);
            if (fileRequired && text.isBlank()) {
                throw new InvalidConfigException(file, List.of("file is empty"));
            }
            return text;
        } catch (NoSuchFileException e) {
            if (fileRequired) {
                throw new InvalidConfigException(file, List.of("file does not exist"));
            }
            return "";
        } catch (IOException e) {
            throw new InvalidConfigException(file, List.of("cannot read: " + e.getMessage()));
        }
    }

    private ObjectNode parse(String text, Path file) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file, List.of("not valid YAML" + at(e.getLocation()) + ": "
                    + e.getOriginalMessage().replace('\n', ' ')));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            if (fileRequired) {
                throw new InvalidConfigException(file, List.of("file is empty"));
            }
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new InvalidConfigException(file, List.of("the top level must be a mapping of keys to values"));
        }
        return (ObjectNode) root;
    }

    private void applyEnvironment(ObjectNode tree, Map<String, String> environment, Path file) {
        List<String> problems = new ArrayList<>();
        for (EnvKey key : envKeys) {
            String value = environment.get(key.envName());
            if (value == null) {
                for (Map.Entry<String, String> alias : envAliases.entrySet()) {
                    if (alias.getValue().equals(key.path()) && environment.containsKey(alias.getKey())) {
                        value = environment.get(alias.getKey());
                    }
                }
            }
            if (value == null) {
                continue;
            }
            ObjectNode parent = tree;
            String[] parts = key.path().split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = parent.get(parts[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(parts[i]);
            }
            String leaf = parts[parts.length - 1];
            if (!key.list()) {
                parent.put(leaf, value.trim());
                continue;
            }
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            if (appendingLists.contains(key.path()) && parent.get(leaf) instanceof ArrayNode existing) {
                items.addAll(existing);
            }
            Function<String, JsonNode> item = listItemParsers.getOrDefault(key.path(), JsonNodeFactory.instance::textNode);
            try {
                Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(item).forEach(items::add);
                parent.set(leaf, items);
            } catch (IllegalArgumentException e) {
                problems.add(key.envName() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(file, problems);
        }
    }

    /** @param at where in the file, e.g. " (line 3)", or empty for a value from the environment */
    private static String describe(JsonProcessingException e, String at) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", "));
            return "unknown key '" + path(u) + "'" + at + "; known keys there: " + known;
        }
        if (e instanceof JsonMappingException m) {
            String key = path(m);
            if (key.isEmpty()) {
                return "the top level must be a mapping of keys to values";
            }
            return "bad value for '" + key + "'" + at + ": " + m.getOriginalMessage().lines().findFirst().orElse("");
        }
        return e.getOriginalMessage() + at;
    }

    /**
     * The line of the key a binding error names. Records are bound from buffered properties, so the exception's
     * own location is where the mapping ended, not where the key is; the key is looked up in the text instead.
     */
    private String lineOf(String text, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return at(e.getLocation());
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            pointer.append('/').append(ref.getFieldName() != null
                    ? ref.getFieldName().replace("~", "~0").replace("/", "~1") : Integer.toString(ref.getIndex()));
        }
        try (JsonParser p = mapper.createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().toString().contentEquals(pointer)) {
                    return at(p.currentTokenLocation());
                }
                if (token.isScalarValue() && p.getParsingContext().inArray()
                        && p.getParsingContext().pathAsPointer().toString().contentEquals(pointer)) {
                    return at(p.currentTokenLocation());
                }
            }
        } catch (IOException ignored) {
            // the text parsed once already; without a line the message still names the key
        }
        return "";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** {@code allowedPeers[0].uid} as the file spells it: {@code allowed_peers[0].uid}. */
    private static String describe(ConstraintViolation<?> v) {
        StringBuilder key = new StringBuilder();
        for (Node node : v.getPropertyPath()) {
            if (node.isInIterable()) {
                key.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(snakeCase(node.getName()));
            }
        }
        return key + ": " + v.getMessage();
    }

    private List<EnvKey> collect(Class<?> record, String prefix, List<EnvKey> keys) {
        for (RecordComponent c : record.getRecordComponents()) {
            String path = prefix + snakeCase(c.getName());
            Class<?> t = c.getType();
            if (t.isRecord()) {
                collect(t, path + ".", keys);
            } else {
                boolean list = List.class.isAssignableFrom(t);
                Type element = list ? ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0] : t;
                keys.add(new EnvKey(path, envPrefix + path.replace('.', '_').toUpperCase(Locale.ROOT), list,
                        element instanceof Class<?> k ? k : Object.class));
            }
        }
        return keys;
    }

    /** One configurable key: its dotted path in the file and the environment variable that overrides it. */
    public record EnvKey(String path, String envName, boolean list, Class<?> elementType) {
    }

    public static final class Builder<T> {
        private final String service;
        private final Class<T> type;
        private boolean fileRequired;
        private final List<Module> modules = new ArrayList<>();
        private final Map<String, String> envAliases = new HashMap<>();
        private final Set<String> appendingLists = new HashSet<>();
        private final Map<String, Function<String, JsonNode>> listItemParsers = new LinkedHashMap<>();
        private BiConsumer<ObjectNode, Path> prepare = (tree, file) -> { };
        private Function<T, List<String>> checks = config -> List.of();

        private Builder(String service, Class<T> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            this.service = service;
            this.type = type;
        }

        /** An absent or empty file is an error (otherwise it means: all defaults, plus the environment). */
        public Builder<T> fileRequired() {
            this.fileRequired = true;
            return this;
        }

        public Builder<T> module(Module module) {
            modules.add(module);
            return this;
        }

        /** A second, older environment name for a key (the full variable name). */
        public Builder<T> envAlias(String variable, String keyPath) {
            envAliases.put(variable, keyPath);
            return this;
        }

        /** The environment adds to this list instead of replacing it. */
        public Builder<T> appendFromEnvironment(String keyPath) {
            appendingLists.add(keyPath);
            return this;
        }

        /** How one comma-separated item of a list's environment value becomes a YAML value. */
        public Builder<T> envListItem(String keyPath, Function<String, JsonNode> parser) {
            listItemParsers.put(keyPath, parser);
            return this;
        }

        /** Adjusts the document before binding, e.g. resolves relative paths against the file's directory. */
        public Builder<T> prepare(BiConsumer<ObjectNode, Path> prepare) {
            this.prepare = prepare;
            return this;
        }

        /** Checks Bean Validation cannot express (across keys, file system); each problem starts with its key. */
        public Builder<T> checks(Function<T, List<String>> checks) {
            this.checks = checks;
            return this;
        }

        public EdgeConfigLoader<T> build() {
            return new EdgeConfigLoader<>(this);
        }
    }
}
