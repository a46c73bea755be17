package io.homefleet.common.sensors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared {@code sensors -j} samples, read where the repository layout puts them (beside the checkout). */
final class Fixtures {
    static final Path SENSORS = locate();

    private Fixtures() {
    }

    static String read(String name) throws IOException {
        return Files.readString(SENSORS.resolve(name), StandardCharsets.UTF_8);
    }

    private static Path locate() {
        String configured = System.getenv("HOMEFLEET_SENSOR_FIXTURES");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // Tests run with the module directory as working directory; the shared tree sits beside the repository.
        return Path.of("..", "..", "..", "shared", "fixtures", "sensors").toAbsolutePath().normalize();
    }
}
