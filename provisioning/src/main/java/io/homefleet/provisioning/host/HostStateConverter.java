package io.homefleet.provisioning.host;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a state by its label ({@code pxe_ready}), as the docs and the API spell it. */
@Converter
public class HostStateConverter implements AttributeConverter<HostState, String> {
    @Override
    public String convertToDatabaseColumn(HostState state) {
        return state == null ? null : state.label();
    }

    @Override
    public HostState convertToEntityAttribute(String label) {
        return label == null ? null : HostState.fromLabel(label)
                .orElseThrow(() -> new IllegalStateException("unknown host state in the database: " + label));
    }
}
