package io.homefleet.service.testapp;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.service.auth.Caller;
import io.homefleet.service.auth.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A token store with a few fixed tokens; host keys are known to exist but not kept here, as on an agent. */
@ApplicationScoped
public class FixedTokens implements TokenStore {
    public static final String CUSTOMER = "hfc_" + "C".repeat(43);
    public static final String OPERATOR = "hfo_" + "O".repeat(43);
    public static final String GUEST = "hfg_" + "G".repeat(43);
    public static final String PROXY = "hfp_" + "P".repeat(43);
    public static final String HOST = "hfh_" + "H".repeat(43);

    private static final Map<String, Caller> CALLERS = Map.of(
            CUSTOMER, Caller.of(TokenKind.CUSTOMER, UUID.randomUUID(), "acme", null),
            OPERATOR, Caller.operator(),
            GUEST, Caller.guest(9200),
            PROXY, Caller.of(TokenKind.PROXY, UUID.randomUUID(), null, "pve-01"));

    @Override
    public boolean verifies(TokenKind kind) {
        return kind != TokenKind.HOST;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return Optional.ofNullable(CALLERS.get(token));
    }
}
