package io.homefleet.common.credential;

import java.util.Arrays;
import java.util.Optional;

/** Every kind of bearer token Homefleet issues; the prefix names the kind so a misplaced token is caught. */
public enum TokenKind {
    CUSTOMER("hfc_", "customer key"),
    HOST("hfh_", "host key"),
    PROXY("hfp_", "sensor-proxy token"),
    GUEST("hfg_", "guest token"),
    OPERATOR("hfo_", "operator token"),
    ENROLLMENT("hfe_", "enrollment token"),
    /** Held by the provisioning service: may only create hosts and issue their keys. */
    PROVISIONING("hfr_", "provisioning key");

    private final String prefix;
    private final String displayName;

    TokenKind(String prefix, String displayName) {
        this.prefix = prefix;
        this.displayName = displayName;
    }

    public String prefix() {
        return prefix;
    }

    /** Human words for messages: "host key", "customer key". */
    public String displayName() {
        return displayName;
    }

    /** The kind a token's prefix names; empty for anything that is not a Homefleet token. */
    public static Optional<TokenKind> of(String token) {
        if (token == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(k -> token.startsWith(k.prefix)).findFirst();
    }
}
