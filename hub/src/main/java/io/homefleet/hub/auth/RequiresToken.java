package io.homefleet.hub.auth;

import io.homefleet.common.credential.TokenKind;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The kind of token an endpoint (or every endpoint of a resource class) requires. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresToken {
    TokenKind value();
}
