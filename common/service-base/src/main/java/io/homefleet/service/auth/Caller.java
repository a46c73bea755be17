package io.homefleet.service.auth;

import io.homefleet.common.credential.TokenKind;
import java.util.UUID;

/**
 * Who is calling: the kind of token presented and what it acts for. A customer key acts for one customer, a host
 * key (and a sensor-proxy token) for one host, a guest token for one vmid; an operator token for everything.
 */
public record Caller(TokenKind kind, UUID credentialId, String customerId, String hostId, Integer vmid) {

    public static Caller of(TokenKind kind, UUID credentialId, String customerId, String hostId) {
        return new Caller(kind, credentialId, customerId, hostId, null);
    }

    public static Caller operator() {
        return new Caller(TokenKind.OPERATOR, null, null, null, null);
    }

    public static Caller guest(int vmid) {
        return new Caller(TokenKind.GUEST, null, null, null, vmid);
    }

    public boolean isOperator() {
        return kind == TokenKind.OPERATOR;
    }

    /** May this caller act for guest {@code target}? An operator for any guest, a guest only for itself. */
    public boolean mayActFor(int target) {
        return isOperator() || (vmid != null && vmid == target);
    }

    /** For logs and audit lines: "operator", "guest:9200", "customer:acme", "host:pve-01". */
    public String describe() {
        return switch (kind) {
            case OPERATOR -> "operator";
            case GUEST -> "guest:" + vmid;
            case CUSTOMER -> "customer:" + customerId;
            case HOST, PROXY -> kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + hostId;
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
