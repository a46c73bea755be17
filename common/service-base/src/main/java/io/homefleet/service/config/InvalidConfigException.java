package io.homefleet.service.config;

import java.nio.file.Path;
import java.util.List;

/** A config file could not be used; {@link #problems()} lists every reason, one per line, each naming its key. */
public class InvalidConfigException extends RuntimeException {
    private final transient List<String> problems;

    public InvalidConfigException(Path file, List<String> problems) {
        super(file + " is not a usable configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
