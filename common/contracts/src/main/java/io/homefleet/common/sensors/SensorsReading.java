package io.homefleet.common.sensors;

import io.homefleet.common.contract.v1.TemperatureSnapshot;
import java.util.List;

/**
 * A normalized snapshot plus what was skipped on the way (malformed chips, unreadable values), so a user
 * who runs {@code sensors parse} sees why a value is missing.
 */
public record SensorsReading(TemperatureSnapshot snapshot, List<String> warnings) {
    public SensorsReading {
        warnings = List.copyOf(warnings);
    }

    /** True when the input named no sensor at all ({@code {}}): "no sensors", not an error. */
    public boolean empty() {
        TemperatureSnapshot s = snapshot;
        return s.cpu() == null && s.nvme().isEmpty() && s.gpu().isEmpty() && s.disks().isEmpty()
                && s.fans().isEmpty() && s.other().isEmpty();
    }
}
