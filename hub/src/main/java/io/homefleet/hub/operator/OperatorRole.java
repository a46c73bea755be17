package io.homefleet.hub.operator;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a dashboard operator may do. Each includes the one below: a viewer reads; an operator also blocks and
 * unblocks, runs the sweep and acts on keys; an admin also manages operators, deletes customers and reads the audit
 * trail. Their Quarkus Security roles ({@link #VIEWER_ROLE} ...) are apart from the API's token-kind roles
 * ({@code Roles.OPERATOR} is the operator token, untouched by these).
 */
public enum OperatorRole {
    VIEWER, OPERATOR, ADMIN;

    public static final String VIEWER_ROLE = "dashboard-viewer";
    public static final String OPERATOR_ROLE = "dashboard-operator";
    public static final String ADMIN_ROLE = "dashboard-admin";

    /** The name stored and shown: viewer, operator, admin. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The security roles a session of this role holds. */
    public Set<String> securityRoles() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_ROLE);
            case OPERATOR -> Set.of(VIEWER_ROLE, OPERATOR_ROLE);
            case ADMIN -> Set.of(VIEWER_ROLE, OPERATOR_ROLE, ADMIN_ROLE);
        };
    }

    public boolean atLeast(OperatorRole other) {
        return compareTo(other) >= 0;
    }

    public static Optional<OperatorRole> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (OperatorRole role : values()) {
            if (role.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
