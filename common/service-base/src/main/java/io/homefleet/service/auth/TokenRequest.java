package io.homefleet.service.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A Homefleet bearer token to check; its own type so no other identity provider mistakes it for a JWT. */
public final class TokenRequest extends BaseAuthenticationRequest {
    private final String token;

    public TokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
