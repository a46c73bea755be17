package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON conventions of every v1 contract, in one annotation: snake_case names, unknown fields ignored
 * (additive evolution), absent optional fields left out on output.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@com.fasterxml.jackson.annotation.JacksonAnnotationsInside
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public @interface ContractRecord {
}
