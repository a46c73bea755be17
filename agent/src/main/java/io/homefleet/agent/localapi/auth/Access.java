package io.homefleet.agent.localapi.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Who may call a local-API endpoint; every resource method or class carries one. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Access {
    Level value();

    enum Level {
        /** A guest's token (acting only for its own vmid) or the operator credential. */
        GUEST_OR_OPERATOR,
        /** Only the host-side operator credential. */
        OPERATOR
    }
}
