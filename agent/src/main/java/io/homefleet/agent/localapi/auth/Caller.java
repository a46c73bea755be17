package io.homefleet.agent.localapi.auth;

/** Who is calling the local API: the host's operator, or the controller of one guest. */
public record Caller(Kind kind, Integer vmid) {
    public enum Kind { OPERATOR, GUEST }

    public static Caller operator() {
        return new Caller(Kind.OPERATOR, null);
    }

    public static Caller guest(int vmid) {
        return new Caller(Kind.GUEST, vmid);
    }

    public boolean isOperator() {
        return kind == Kind.OPERATOR;
    }

    /** May this caller act for {@code target}? An operator for any guest, a guest only for itself. */
    public boolean mayActFor(int target) {
        return isOperator() || (vmid != null && vmid == target);
    }

    /** For audit lines: "operator" or "guest:9200". */
    public String describe() {
        return isOperator() ? "operator" : "guest:" + vmid;
    }
}
