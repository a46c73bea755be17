package io.homefleet.common.contract.v1;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address literal (no zone, no prefix length, never a name); null is left to {@code @NotNull}. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IpAddress.Validator.class)
public @interface IpAddress {
    String message() default "must be an IPv4 or IPv6 address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<IpAddress, String> {
        private static final Pattern IPV4 =
                Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
        private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isLiteral(value);
        }

        public static boolean isLiteral(String value) {
            if (IPV4.matcher(value).matches()) {
                return true;
            }
            if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
                return false;
            }
            try {
                // In brackets the JDK parses an IPv6 literal or fails; it never looks a name up.
                return InetAddress.getByName("[" + value + "]") != null;
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
