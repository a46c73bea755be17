package io.homefleet.hub.customerconfig;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** controller.yaml as text: a template read strictly, generated values written out. */
final class ControllerYaml {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ControllerYaml() {
    }

    static String write(Map<String, Object> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("controller.yaml values that cannot be written as YAML", e);
        }
    }

    /** A template: a YAML mapping whose keys are snake_case at every level; otherwise 400 naming what is wrong. */
    static Map<String, Object> readTemplate(String yaml) {
        Object parsed;
        try {
            parsed = MAPPER.readValue(yaml, new TypeReference<Object>() {
            });
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw ProblemException.of(ProblemType.MALFORMED_BODY, "the template is not valid YAML" + where + ": "
                    + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS,
                    "the template must be a YAML mapping (customer:, hub:, web:, ...) at its top level");
        }
        List<String> problems = new ArrayList<>();
        checkKeys(map, "", problems);
        if (!problems.isEmpty()) {
            throw CustomerConfigDocument.invalid(problems);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) map;
        return values;
    }

    private static void checkKeys(Object node, String path, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String at = path.isEmpty() ? String.valueOf(k) : path + "." + k;
                if (!(k instanceof String s) || !KEY.matcher(s).matches()) {
                    problems.add(at + ": a key must be snake_case (a-z, 0-9, _), as the controller reads it");
                } else {
                    checkKeys(v, at, problems);
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkKeys(list.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
