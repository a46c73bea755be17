package io.homefleet.sensorproxy.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The proxy's YAML files (config.yaml, allowed_nodes.yaml): read safely, errors naming the file, written in block style. */
final class YamlFiles {
    private YamlFiles() {
    }

    /** The file's text; an absent file is empty. */
    static String text(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The document's root (null for an empty document), with plain data types only. */
    static Object load(String text, Path file) throws ConfigException {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
    }

    /** The document's top-level mapping with string keys (empty for an empty document). */
    static Map<String, Object> mapping(String text, Path file) throws ConfigException {
        Object root = load(text, file);
        Map<String, Object> tree = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> map) {
            map.forEach((k, v) -> tree.put(String.valueOf(k), v));
        } else if (root != null) {
            throw new ConfigException(file + ": the top level must be a mapping of keys to values");
        }
        return tree;
    }

    static String dumpBlock(Object data) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(data);
    }
}
