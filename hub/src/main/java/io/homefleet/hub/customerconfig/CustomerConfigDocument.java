package io.homefleet.hub.customerconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.ContractRecord;
import io.homefleet.common.contract.v1.SecretDigest;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the operator keeps per managed customer: identity, infrastructure settings (every value a secret: tunnel
 * tokens and the like), monitoring overrides and notification preferences. The last two are free-form snake_case
 * objects merged into controller.yaml under {@code monitoring} and {@code notifications}.
 */
@ContractRecord
public record CustomerConfigDocument(Identity identity, Map<String, String> infrastructure,
        Map<String, Object> monitoring, Map<String, Object> notifications) {

    static final Set<String> TOP_LEVEL = Set.of("identity", "infrastructure", "monitoring", "notifications");
    static final Set<String> IDENTITY = Set.of("name", "domain");
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    /** Marks a secret shown as its digest; sent back unchanged it keeps the stored secret. */
    public static final String DIGEST_PREFIX = SecretDigest.PREFIX;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_STRING = 4096;
    private static final int MAX_ENTRIES = 200;

    public CustomerConfigDocument {
        infrastructure = infrastructure == null ? Map.of() : new TreeMap<>(infrastructure);
        monitoring = monitoring == null ? Map.of() : monitoring;
        notifications = notifications == null ? Map.of() : notifications;
    }

    @ContractRecord
    public record Identity(String name, String domain) {
    }

    /** The same document with every infrastructure value replaced by its digest (what the API shows). */
    public CustomerConfigDocument redacted() {
        Map<String, String> shown = new TreeMap<>();
        infrastructure.forEach((k, v) -> shown.put(k, SecretDigest.of(v)));
        return new CustomerConfigDocument(identity, shown, monitoring, notifications);
    }

    /**
     * Reads and checks an operator's document, every offending field named at once (400 invalid-fields, nothing
     * stored). An infrastructure value sent as the digest of the current secret keeps that secret.
     */
    @SuppressWarnings("unchecked")
    public static CustomerConfigDocument parse(JsonNode body, CustomerConfigDocument current) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "the config must be a JSON object with "
                    + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL)));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                problems.add(name + ": unknown field (allowed: identity, infrastructure, monitoring, notifications)");
            }
        }
        Identity identity = null;
        JsonNode id = body.path("identity");
        if (!id.isMissingNode() && !id.isNull()) {
            if (!id.isObject()) {
                problems.add("identity: must be an object with name and domain");
            } else {
                id.fieldNames().forEachRemaining(n -> {
                    if (!IDENTITY.contains(n)) {
                        problems.add("identity." + n + ": unknown field (allowed: name, domain)");
                    }
                });
                String name = text(id, "name", "identity.name", problems);
                String domain = text(id, "domain", "identity.domain", problems);
                if (name != null && (name.isBlank() || name.length() > 200)) {
                    problems.add("identity.name: must be 1 to 200 characters");
                }
                if (domain != null && !DOMAIN.matcher(domain).matches()) {
                    problems.add("identity.domain: '" + domain + "' is not a lowercase DNS name such as acme.example");
                }
                identity = new Identity(name == null ? null : name.strip(), domain);
            }
        }
        Map<String, String> infrastructure = new TreeMap<>();
        JsonNode infra = body.path("infrastructure");
        if (!infra.isMissingNode() && !infra.isNull()) {
            if (!infra.isObject()) {
                problems.add("infrastructure: must be an object of names to secret strings");
            } else {
                infra.fields().forEachRemaining(e -> {
                    String path = "infrastructure." + e.getKey();
                    if (!KEY.matcher(e.getKey()).matches()) {
                        problems.add(path + ": a name must be snake_case (a-z, 0-9, _), at most 63 characters");
                    } else if (!e.getValue().isTextual()) {
                        problems.add(path + ": must be a string");
                    } else {
                        String value = e.getValue().asText();
                        if (value.isEmpty() || value.length() > MAX_STRING) {
                            problems.add(path + ": must be 1 to " + MAX_STRING + " characters");
                        } else if (value.startsWith(DIGEST_PREFIX)) {
                            String kept = current == null ? null : current.infrastructure().get(e.getKey());
                            if (kept != null && SecretDigest.of(kept).equals(value)) {
                                infrastructure.put(e.getKey(), kept);
                            } else {
                                problems.add(path + ": a sha256: value keeps the current secret only when it is that "
                                        + "secret's digest; send the new secret in clear");
                            }
                        } else {
                            infrastructure.put(e.getKey(), value);
                        }
                    }
                });
            }
        }
        Map<String, Object> monitoring = freeForm(body.path("monitoring"), "monitoring", problems);
        Map<String, Object> notifications = freeForm(body.path("notifications"), "notifications", problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new CustomerConfigDocument(identity, infrastructure, monitoring, notifications);
    }

    static ProblemException invalid(List<String> problems) {
        return io.homefleet.hub.problem.FieldProblems.invalid(problems);
    }

    private static String text(JsonNode node, String field, String path, List<String> problems) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(path + ": must be a string");
            return null;
        }
        return v.asText();
    }

    private static Map<String, Object> freeForm(JsonNode node, String path, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object");
            return Map.of();
        }
        Object value = plain(node, path, 1, problems);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map == null ? Map.of() : map;
    }

    /** A JSON value as maps, lists and scalars, its keys and size checked. */
    private static Object plain(JsonNode node, String path, int depth, List<String> problems) {
        if (depth > MAX_DEPTH) {
            problems.add(path + ": nested deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        if (node.isObject()) {
            if (node.size() > MAX_ENTRIES) {
                problems.add(path + ": more than " + MAX_ENTRIES + " entries");
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!KEY.matcher(e.getKey()).matches()) {
                    problems.add(path + "." + e.getKey() + ": a key must be snake_case (a-z, 0-9, _)");
                } else {
                    map.put(e.getKey(), plain(e.getValue(), path + "." + e.getKey(), depth + 1, problems));
                }
            });
            return map;
        }
        if (node.isArray()) {
            if (node.size() > MAX_ENTRIES) {
                problems.add(path + ": more than " + MAX_ENTRIES + " entries");
                return null;
            }
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(plain(node.get(i), path + "[" + i + "]", depth + 1, problems));
            }
            return list;
        }
        if (node.isTextual()) {
            if (node.asText().length() > MAX_STRING) {
                problems.add(path + ": longer than " + MAX_STRING + " characters");
            }
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.decimalValue();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return null;
    }
}
