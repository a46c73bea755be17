package io.homefleet.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Reads and checks agent.yaml; used by the daemon, the CLI and {@code agent config validate} alike. */
public final class AgentConfigLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    // No expression language in the CLI, so messages are interpolated from parameters only.
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private AgentConfigLoader() {
    }

    /** The config file the daemon and CLI use unless told otherwise. */
    public static Path defaultLocation() {
        String fromProperty = System.getProperty("homefleet.agent.config-file");
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty);
        }
        String fromEnv = System.getenv("HOMEFLEET_AGENT_CONFIG");
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : AgentConfig.DEFAULT_FILE;
    }

    public static AgentConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(file, List.of("file does not exist"));
        } catch (IOException e) {
            throw new InvalidConfigException(file, List.of("cannot read: " + e.getMessage()));
        }
        AgentConfig config;
        try {
            config = YAML.readValue(text, AgentConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidConfigException(file, List.of("unknown key '" + e.getPropertyName() + "' at "
                    + path(e) + "; known keys there: " + e.getKnownPropertyIds()));
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file, List.of(e.getOriginalMessage() + location(e)));
        }
        if (config == null) {
            throw new InvalidConfigException(file, List.of("file is empty"));
        }
        List<String> problems = new ArrayList<>();
        VALIDATOR.validate(config).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> problems.add(describe(v)));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(file, problems);
        }
        return config;
    }

    private static String describe(ConstraintViolation<AgentConfig> v) {
        String key = v.getPropertyPath().toString().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        return key + ": " + v.getMessage();
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            m.getPath().forEach(ref -> {
                if (ref.getFieldName() != null) {
                    sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
                }
            });
            return sb.toString();
        }
        return "top level";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
