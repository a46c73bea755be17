package io.homefleet.hub.customerconfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep merge of controller.yaml values: maps merge key by key, anything else (scalars, lists) from the overlay
 * replaces the base. Neither input is changed.
 */
final class ConfigMerge {
    private ConfigMerge() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> out = new LinkedHashMap<>();
        base.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? merge((Map<String, Object>) m, Map.of()) : v));
        overlay.forEach((k, v) -> {
            Object existing = out.get(k);
            if (existing instanceof Map<?, ?> em && v instanceof Map<?, ?> vm) {
                out.put(k, merge((Map<String, Object>) em, (Map<String, Object>) vm));
            } else if (v instanceof Map<?, ?> vm) {
                out.put(k, merge((Map<String, Object>) vm, Map.of()));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Sets a value at a dotted path, creating maps on the way. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> values, String dottedPath, Object value) {
        String[] parts = dottedPath.split("\\.");
        Map<String, Object> at = values;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                at.put(parts[i], next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(parts[parts.length - 1], value);
    }
}
