package io.homefleet.sensorproxy.config;

import java.util.List;

/** The configuration cannot be used; {@link #problems()} lists every reason, each naming its key. */
public class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
