package io.homefleet.sensorproxy.sensors;

import io.homefleet.common.contract.v1.TemperatureSnapshot.Disk;
import io.homefleet.common.process.ProcessRunner;
import io.homefleet.common.sensors.SensorsFormatException;
import io.homefleet.common.sensors.SmartctlJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Disk temperatures through {@code smartctl --json -n standby}: a sleeping disk is reported as standby and
 * never woken. Results are cached for {@code smart.interval} because SMART queries are slow and, on some
 * controllers, not free.
 */
public final class SmartReader {
    private static final Logger LOG = Logger.getLogger(SmartReader.class);
    private static final int MAX_OUTPUT = 256 * 1024;
    private final List<String> smartctl;
    private final List<String> configuredDevices;
    private final Duration interval;
    private final Duration timeout;
    private volatile List<Disk> cached = List.of();
    private volatile long readAt = Long.MIN_VALUE;

    public SmartReader(List<String> smartctl, List<String> devices, Duration interval, Duration timeout) {
        this.smartctl = List.copyOf(smartctl);
        this.configuredDevices = List.copyOf(devices);
        this.interval = interval;
        this.timeout = timeout;
    }

    public synchronized List<Disk> disks() {
        long now = System.nanoTime();
        if (readAt != Long.MIN_VALUE && now - readAt < interval.toNanos()) {
            return cached;
        }
        cached = readNow();
        readAt = now;
        return cached;
    }

    private List<Disk> readNow() {
        List<String> devices = configuredDevices;
        if (devices.isEmpty()) {
            try {
                devices = SmartctlJson.scannedDevices(run(List.of("--json", "--scan")).stdout());
            } catch (IOException | SensorsFormatException e) {
                LOG.warnf("smartctl --scan failed: %s", e.getMessage());
                return List.of();
            }
        }
        List<Disk> disks = new ArrayList<>();
        for (String device : devices) {
            try {
                disks.add(SmartctlJson.disk(device, run(List.of("--json", "-n", "standby", "-i", "-A", device)).stdout()));
            } catch (IOException | SensorsFormatException e) {
                LOG.debugf("smartctl %s: %s", device, e.getMessage());
            }
        }
        return disks;
    }

    private ProcessRunner.Result run(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(smartctl);
        command.addAll(args);
        try {
            return ProcessRunner.run(command, timeout, MAX_OUTPUT, 8192);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
