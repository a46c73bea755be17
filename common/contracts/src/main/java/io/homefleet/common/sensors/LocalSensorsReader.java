package io.homefleet.common.sensors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads this machine's temperatures: {@code sensors -j}, then /sys/class/hwmon, then /sys/class/thermal.
 *
 * <p>{@code sensors} exits non-zero in ordinary situations (a chip with one unreadable input, "No sensors
 * found!"), so its exit status never decides alone: JSON on stdout is a reading whatever the status.
 * {@code {}} means "no sensors" and lets the kernel files try; if nothing anywhere has a sensor the result
 * is an empty snapshot, not an error. Only when no source could be read at all is it an error.
 */
public final class LocalSensorsReader {
    public static final List<String> DEFAULT_COMMAND = List.of("sensors", "-j");
    public static final Path DEFAULT_HWMON = Path.of("/sys/class/hwmon");
    public static final Path DEFAULT_THERMAL = Path.of("/sys/class/thermal");
    private static final int MAX_OUTPUT_BYTES = 1 << 20;
    private static final int STDERR_BYTES = 8192;

    private final List<String> sensorsCommand;
    private final Path hwmonRoot;
    private final Path thermalRoot;
    private final Duration timeout;
    private final Clock clock;
    private final SensorsJsonParser parser = new SensorsJsonParser();

    public LocalSensorsReader(List<String> sensorsCommand, Path hwmonRoot, Path thermalRoot, Duration timeout, Clock clock) {
        this.sensorsCommand = List.copyOf(sensorsCommand);
        this.hwmonRoot = hwmonRoot;
        this.thermalRoot = thermalRoot;
        this.timeout = timeout;
        this.clock = clock;
    }

    public static LocalSensorsReader defaults() {
        return new LocalSensorsReader(DEFAULT_COMMAND, DEFAULT_HWMON, DEFAULT_THERMAL, Duration.ofSeconds(10), Clock.systemUTC());
    }

    public SensorsReading read(String node) throws NoTemperatureSourceException {
        List<String> failures = new ArrayList<>();
        SensorsReading sensorsEmpty = null;
        try {
            ProcessRunner.Result out = ProcessRunner.run(sensorsCommand, timeout, MAX_OUTPUT_BYTES, STDERR_BYTES);
            if (out.truncated()) {
                failures.add("sensors: output larger than " + MAX_OUTPUT_BYTES + " bytes");
            } else if (out.stdout().isBlank()) {
                failures.add("sensors: exit " + out.exitCode() + " with no output" + stderrHint(out));
            } else {
                try {
                    SensorsReading reading = parser.parse(out.stdout(), node, clock.instant(), SensorsJsonParser.SOURCE_SENSORS);
                    if (!reading.empty()) {
                        return reading;
                    }
                    sensorsEmpty = reading;
                } catch (SensorsFormatException e) {
                    failures.add("sensors: exit " + out.exitCode() + ", " + e.getMessage() + stderrHint(out));
                }
            }
        } catch (UncheckedIOException e) {
            failures.add("sensors: " + e.getMessage());
        }
        SensorsReading fromKernel = kernel(node, SensorsJsonParser.SOURCE_HWMON, hwmonRoot, failures);
        if (fromKernel != null) {
            return fromKernel;
        }
        fromKernel = kernel(node, SensorsJsonParser.SOURCE_THERMAL, thermalRoot, failures);
        if (fromKernel != null) {
            return fromKernel;
        }
        if (sensorsEmpty != null) {
            return sensorsEmpty;
        }
        throw new NoTemperatureSourceException("no temperature source could be read: " + String.join("; ", failures));
    }

    private SensorsReading kernel(String node, String source, Path root, List<String> failures) {
        try {
            ObjectNode chips = SensorsJsonParser.SOURCE_HWMON.equals(source)
                    ? SysfsSensorsReader.hwmon(root) : SysfsSensorsReader.thermal(root);
            if (chips.isEmpty()) {
                failures.add(source + ": nothing under " + root);
                return null;
            }
            SensorsReading reading = parser.parse(chips, node, clock.instant(), source);
            return reading.empty() ? null : reading;
        } catch (IOException | SensorsFormatException e) {
            failures.add(source + ": " + e.getMessage());
            return null;
        }
    }

    private static String stderrHint(ProcessRunner.Result out) {
        return out.stderr().isBlank() ? "" : " (stderr: " + out.stderr().strip().lines().findFirst().orElse("") + ")";
    }
}
