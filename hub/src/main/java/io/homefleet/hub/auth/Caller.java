package io.homefleet.hub.auth;

import io.homefleet.common.credential.TokenKind;
import java.util.UUID;

/** Who is calling: the kind of token presented and what it acts for. */
public record Caller(TokenKind kind, UUID credentialId, String customerId, String hostId) {
}
