package io.homefleet.service.auth;

import io.homefleet.common.credential.TokenKind;
import java.util.Optional;

/**
 * Token kinds as Quarkus Security roles: an endpoint says which kinds it takes with
 * {@code @RolesAllowed(Roles.CUSTOMER)}, and an identity holds the one role of the token it presented. Each
 * constant is its {@link TokenKind}'s name.
 */
public final class Roles {
    public static final String CUSTOMER = "CUSTOMER";
    public static final String HOST = "HOST";
    public static final String PROXY = "PROXY";
    public static final String GUEST = "GUEST";
    public static final String OPERATOR = "OPERATOR";
    public static final String ENROLLMENT = "ENROLLMENT";
    public static final String PROVISIONING = "PROVISIONING";

    private Roles() {
    }

    public static String of(TokenKind kind) {
        return kind.name();
    }

    /** The kind a role names; empty for a role that is not a token kind. */
    public static Optional<TokenKind> kindOf(String role) {
        try {
            return Optional.of(TokenKind.valueOf(role));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
