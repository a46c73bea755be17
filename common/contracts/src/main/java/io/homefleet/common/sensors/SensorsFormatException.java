package io.homefleet.common.sensors;

/** The input is not {@code sensors -j} output (nor one of the wrapper shapes); the message says why. */
public class SensorsFormatException extends Exception {
    public SensorsFormatException(String message) {
        super(message);
    }

    public SensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
