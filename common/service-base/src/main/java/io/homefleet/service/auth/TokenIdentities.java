package io.homefleet.service.auth;

import io.homefleet.common.credential.TokenKind;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Builds the security identity of a token: its kind as the one role, the {@link Caller} as an attribute. */
final class TokenIdentities {
    static final String CALLER = Caller.class.getName();
    /** The kind of a token this service does not keep: known by its prefix only, so it holds no role. */
    static final String PRESENTED_KIND = TokenKind.class.getName();

    private TokenIdentities() {
    }

    static SecurityIdentity of(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.describe()))
                .addRole(Roles.of(caller.kind()))
                .addAttribute(CALLER, caller)
                .addAttribute(PRESENTED_KIND, caller.kind())
                .build();
    }

    /** A token of a kind this service cannot check: never authorized for anything, but named in the 403. */
    static SecurityIdentity unverified(TokenKind kind) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("unverified " + kind.displayName()))
                .addAttribute(PRESENTED_KIND, kind)
                .build();
    }

    static TokenKind presentedKind(SecurityIdentity identity) {
        return identity == null ? null : identity.getAttribute(PRESENTED_KIND);
    }
}
