package io.homefleet.common.sensors;

/** Neither {@code sensors -j}, hwmon nor thermal zones gave anything usable; the message lists each reason. */
public class NoTemperatureSourceException extends Exception {
    public NoTemperatureSourceException(String message) {
        super(message);
    }
}
