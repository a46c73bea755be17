package io.homefleet.sensorproxy.sensors;

import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.sensors.LocalSensorsReader;
import io.homefleet.common.sensors.NoTemperatureSourceException;
import io.homefleet.common.sensors.SensorsReading;

/** This host: lm-sensors / hwmon / thermal zones, plus SMART disks when enabled. */
public final class LocalNodeReader implements NodeReader {
    private final LocalSensorsReader sensors;
    private final SmartReader smart;

    public LocalNodeReader(LocalSensorsReader sensors, SmartReader smart) {
        this.sensors = sensors;
        this.smart = smart;
    }

    @Override
    public SensorsReading read(String node) throws ReadFailure {
        SensorsReading reading;
        try {
            reading = sensors.read(node);
        } catch (NoTemperatureSourceException e) {
            throw new ReadFailure(e.getMessage());
        }
        if (smart == null) {
            return reading;
        }
        TemperatureSnapshot s = reading.snapshot();
        return new SensorsReading(new TemperatureSnapshot(s.node(), s.takenAt(), s.source(), s.cpu(), s.nvme(), s.gpu(),
                smart.disks(), s.fans(), s.other()), reading.warnings());
    }
}
