package io.homefleet.service.web;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A verified session cookie whose account is still to be looked up. */
final class SessionRequest extends BaseAuthenticationRequest {
    private final WebSessions.Claims claims;

    SessionRequest(WebSessions.Claims claims) {
        this.claims = claims;
    }

    WebSessions.Claims claims() {
        return claims;
    }
}
