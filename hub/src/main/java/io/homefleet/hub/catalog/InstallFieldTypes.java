package io.homefleet.hub.catalog;

import java.util.List;

/** The types of install fields and which values each accepts (for defaults and for pinned settings). */
public final class InstallFieldTypes {
    public static final List<String> TYPES = List.of("string", "password", "integer", "boolean", "choice");

    private InstallFieldTypes() {
    }

    public static boolean accepts(String type, List<String> choices, Object value) {
        return switch (type) {
            case "string", "password" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "boolean" -> value instanceof Boolean;
            case "choice" -> choices != null && choices.contains(String.valueOf(value));
            default -> false;
        };
    }
}
