package io.homefleet.sensorproxy.sensors;

import io.homefleet.common.sensors.SensorsReading;

/** Reads one node's temperatures now (no caching); the message of a failure is shown to callers. */
public interface NodeReader {
    SensorsReading read(String node) throws ReadFailure;

    class ReadFailure extends Exception {
        public ReadFailure(String message) {
            super(message);
        }
    }
}
