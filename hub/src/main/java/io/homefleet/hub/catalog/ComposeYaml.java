package io.homefleet.hub.catalog;

import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads an uploaded Compose file into plain maps, lists and scalars, and writes one back. Only YAML's plain types
 * (no tags that construct objects), duplicate keys refused, aliases limited so a small file cannot expand into a
 * huge one.
 */
final class ComposeYaml {
    private static final int MAX_ALIASES = 50;
    private static final int MAX_NESTING = 64;

    private ComposeYaml() {
    }

    /** The document's top-level mapping; malformed YAML or another shape is a 400 naming line and column. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1);
            throw ProblemException.of(ProblemType.MALFORMED_BODY, "the Compose file is not valid YAML" + where
                    + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw ProblemException.of(ProblemType.MALFORMED_BODY, "the Compose file is not valid YAML: "
                    + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw ProblemException.of(ProblemType.MALFORMED_BODY,
                    "a Compose file is a YAML mapping with a services: key at the top");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw ProblemException.of(ProblemType.MALFORMED_BODY, "top-level key " + key + " is not a string");
            }
        }
        return (Map<String, Object>) map;
    }

    static String write(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(new Representer(options), options).dump(document);
    }
}
