package io.homefleet.service.config;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;

/**
 * A {@link Duration} between {@link #min()} and {@link #max()}, both inclusive, written as config files write them
 * ({@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}). Null is valid (use {@code @NotNull} to require).
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = DurationRange.Validator.class)
public @interface DurationRange {
    String min() default "0s";

    String max();

    String message() default "must be between {min} and {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DurationRange, Duration> {
        private Duration min;
        private Duration max;

        @Override
        public void initialize(DurationRange range) {
            min = ConfigDurations.parse(range.min());
            max = ConfigDurations.parse(range.max());
        }

        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            return value == null || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0);
        }
    }
}
