package io.homefleet.service.web;

import java.time.Instant;

/**
 * A signed-in browser: who, the CSRF token every form of this session carries, and when it ends. Read it in a
 * page through {@link CurrentSession}.
 *
 * @param account   the account's name
 * @param csrfToken the session's form token (put it in every form as {@value CsrfGuard#FIELD})
 * @param issuedAt  sign-in time
 * @param expiresAt end of the session
 */
public record WebSession(String account, String csrfToken, Instant issuedAt, Instant expiresAt) {
}
