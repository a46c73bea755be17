package io.homefleet.sensorproxy.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.TemperatureSnapshot.Disk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMART through smartctl's JSON. No disk here can answer SMART (virtio), so smartctl is played by a stand-in
 * script that prints what smartctl 7.x documents for `--scan` and for an active and a sleeping disk — and logs
 * every call, so the test can prove no call could wake a disk and that results are cached.
 */
class SmartReaderTest {
    @TempDir
    Path dir;

    @Test
    void sleepingDisksAreNeverWokenAndResultsAreCached() throws Exception {
        Path calls = dir.resolve("calls.log");
        Path standin = dir.resolve("smartctl-standin");
        Files.writeString(standin, """
                #!/bin/sh
                echo "$*" >> '%s'
                case "$*" in
                  *--scan*) echo '{"devices":[{"name":"/dev/sda","type":"sat"},{"name":"/dev/sdb","type":"sat"}]}' ;;
                  *standby*/dev/sda) echo '{"smartctl":{"exit_status":0},"model_name":"WDC WD40EFRX","serial_number":"WD-1","temperature":{"current":33},"power_mode":"ACTIVE or IDLE"}' ;;
                  *standby*/dev/sdb) echo '{"smartctl":{"exit_status":2,"messages":[{"string":"Device is in STANDBY mode, exit(2)","severity":"information"}]}}'; exit 2 ;;
                  *) echo '{"smartctl":{"exit_status":1,"messages":[{"string":"would wake the disk","severity":"error"}]}}'; exit 1 ;;
                esac
                """.formatted(calls));
        Files.setPosixFilePermissions(standin, PosixFilePermissions.fromString("rwx------"));
        SmartReader reader = new SmartReader(List.of(standin.toString()), List.of(), Duration.ofMinutes(30), Duration.ofSeconds(5));

        List<Disk> disks = reader.disks();
        assertEquals(List.of(new Disk("/dev/sda", "WD-1", "WDC WD40EFRX", 33.0, false), new Disk("/dev/sdb", null, null, null, true)), disks);
        assertEquals(disks, reader.disks());
        List<String> log = Files.readAllLines(calls);
        assertEquals(3, log.size(), "one scan and one query per disk, then the cache: " + log);
        assertTrue(log.stream().filter(l -> l.contains("/dev/sd")).allMatch(l -> l.contains("-n standby")), "every disk query carries -n standby");
    }
}
