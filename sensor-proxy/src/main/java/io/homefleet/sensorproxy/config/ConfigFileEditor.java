package io.homefleet.sensorproxy.config;

import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Changes top-level keys of config.yaml the way an administrator would: only the lines of those keys are
 * replaced (or appended), so comments and the rest of the file stay as they were. The change holds an exclusive
 * lock on {@code config.yaml.lock}, is validated as a whole configuration before it replaces the file, and the
 * replacement is atomic: a bad result changes nothing.
 */
public final class ConfigFileEditor {
    private final Path file;
    private final ConfigLoader loader;

    public ConfigFileEditor(Path file, ConfigLoader loader) {
        this.file = file.toAbsolutePath().normalize();
        this.loader = loader;
    }

    /** The file's top-level mapping as it is now (empty when the file is absent). */
    public Map<String, Object> read() throws ConfigException {
        return parse(readText());
    }

    /**
     * Sets each key to its value (a null value removes the key). Answers whether the file changed; a value equal
     * to what the file already holds leaves the file untouched.
     */
    public boolean set(Map<String, Object> changes) throws ConfigException, IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel lockChannel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            String before = readText();
            Map<String, Object> current = parse(before);
            Map<String, Object> wanted = new LinkedHashMap<>();
            changes.forEach((k, v) -> {
                if (!Objects.equals(current.get(k), v)) {
                    wanted.put(k, v);
                }
            });
            if (wanted.isEmpty()) {
                return false;
            }
            String after = before;
            for (Map.Entry<String, Object> change : wanted.entrySet()) {
                after = replaceBlock(after, change.getKey(), change.getValue());
            }
            Map<String, Object> result = parse(after);
            for (Map.Entry<String, Object> change : wanted.entrySet()) {
                if (!Objects.equals(result.get(change.getKey()), change.getValue())) {
                    throw new ConfigException(file + ": cannot change '" + change.getKey() + "' in place (is the file "
                            + "in YAML block style?); set it by hand");
                }
            }
            Path candidate = file.resolveSibling("." + file.getFileName() + ".candidate");
            try {
                Files.writeString(candidate, after, StandardCharsets.UTF_8);
                loader.load(candidate);
            } finally {
                Files.deleteIfExists(candidate);
            }
            Set<PosixFilePermission> mode = Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            AtomicFiles.write(file, after.getBytes(StandardCharsets.UTF_8), mode);
            return true;
        }
    }

    private String readText() throws ConfigException {
        return YamlFiles.text(file);
    }

    private Map<String, Object> parse(String text) throws ConfigException {
        return YamlFiles.mapping(text, file);
    }

    /**
     * The text with {@code key}'s block replaced by the rendered value (or removed). A block is the key's line
     * and the lines after it that belong to it: indented, list items at column 0, or blank lines followed by more
     * of the block.
     */
    static String replaceBlock(String text, String key, Object value) {
        List<String> lines = new ArrayList<>(text.isEmpty() ? List.of() : List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                start = i;
                break;
            }
        }
        List<String> rendered = value == null ? List.of() : render(key, value);
        if (start < 0) {
            lines.addAll(rendered);
        } else {
            int end = start + 1;
            int lastOwned = start;
            while (end < lines.size()) {
                String line = lines.get(end);
                if (line.isBlank()) {
                    end++;
                    continue;
                }
                if (line.startsWith(" ") || line.startsWith("\t") || line.startsWith("- ") || line.equals("-")) {
                    lastOwned = end;
                    end++;
                    continue;
                }
                break;
            }
            List<String> out = new ArrayList<>(lines.subList(0, start));
            out.addAll(rendered);
            out.addAll(lines.subList(lastOwned + 1, lines.size()));
            lines = out;
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static List<String> render(String key, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(key, value);
        return List.of(YamlFiles.dumpBlock(one).stripTrailing().split("\n"));
    }
}
