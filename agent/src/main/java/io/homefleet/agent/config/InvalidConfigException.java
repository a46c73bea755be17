package io.homefleet.agent.config;

import java.nio.file.Path;
import java.util.List;

/** agent.yaml could not be used; {@link #problems()} lists every reason, one per line, for a person to fix. */
public class InvalidConfigException extends RuntimeException {
    private final transient List<String> problems;

    public InvalidConfigException(Path file, List<String> problems) {
        super(file + " is not a usable agent configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
