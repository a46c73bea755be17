package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}): what went wrong and what to change.
 * {@code extensions} are written as top-level members, for fields that help the caller fix the request.
 */
@ContractRecord
@Schema(description = "RFC 9457 problem detail")
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonAnySetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, extensions);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem with(String name, Object value) {
        var merged = new java.util.LinkedHashMap<>(extensions);
        merged.put(name, value);
        return new Problem(type, title, status, detail, instance, errors, merged);
    }

    @Override
    @JsonIgnore
    public Map<String, Object> extensions() {
        return extensions;
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }

    /** One rejected field: its JSON path and why. */
    @ContractRecord
    public record FieldError(String field, String message) {
    }
}
