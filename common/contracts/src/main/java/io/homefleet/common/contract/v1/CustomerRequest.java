package io.homefleet.common.contract.v1;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates or updates a customer on the hub ({@code POST /api/v1/customers}, {@code PUT /api/v1/customers/{id}}). */
@ContractRecord
@Schema(description = "A customer as the operator defines it")
public record CustomerRequest(
        @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @Size(max = 253) String domain,
        @Size(max = 4000) String notes) {
}
