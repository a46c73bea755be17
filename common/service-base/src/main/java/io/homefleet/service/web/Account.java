package io.homefleet.service.web;

import java.util.Set;

/**
 * A browser account as the shared sign-in sees it.
 *
 * @param name               the sign-in name
 * @param passwordHash       its bcrypt hash ({@link PasswordHasher#hash})
 * @param roles              the Quarkus Security roles a session of this account holds (the service's own names;
 *                           keep them apart from the token-kind roles of {@code io.homefleet.service.auth.Roles})
 * @param mustChangePassword true until the account has chosen its own password: its session holds no role and every
 *                           page redirects to {@link WebConfig#changePasswordPath()}
 */
public record Account(String name, String passwordHash, Set<String> roles, boolean mustChangePassword) {
    public Account {
        roles = Set.copyOf(roles);
    }
}
