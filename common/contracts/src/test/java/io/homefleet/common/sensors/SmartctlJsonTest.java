package io.homefleet.common.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homefleet.common.contract.v1.TemperatureSnapshot.Disk;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmartctlJsonTest {
    @Test
    void activeDiskGivesItsTemperature() throws Exception {
        Disk disk = SmartctlJson.disk("/dev/sda", """
                {"smartctl":{"exit_status":0},"model_name":"WDC WD40EFRX","serial_number":"WD-123",
                 "temperature":{"current":31},"power_mode":"ACTIVE or IDLE"}""");
        assertEquals(new Disk("/dev/sda", "WD-123", "WDC WD40EFRX", 31.0, false), disk);
    }

    @Test
    void sleepingDiskIsStandbyWithoutTemperature() throws Exception {
        Disk disk = SmartctlJson.disk("/dev/sdb", """
                {"smartctl":{"exit_status":2,"messages":[{"string":"Device is in STANDBY mode, exit(2)","severity":"information"}]}}""");
        assertEquals(new Disk("/dev/sdb", null, null, null, true), disk);
    }

    @Test
    void scanListsDevicesAndGarbageIsRefused() throws Exception {
        assertEquals(List.of("/dev/sda", "/dev/nvme0"), SmartctlJson.scannedDevices("""
                {"devices":[{"name":"/dev/sda","type":"sat"},{"name":"/dev/nvme0","type":"nvme"}]}"""));
        assertThrows(SensorsFormatException.class, () -> SmartctlJson.disk("/dev/sda", "Smartctl open device failed"));
    }

    @Test
    void aDeviceSmartctlCannotOpenIsAnErrorNotADiskWithoutTemperature() {
        // As smartctl 7.3 prints it for a virtio disk.
        SensorsFormatException e = org.junit.jupiter.api.Assertions.assertThrows(SensorsFormatException.class, () -> SmartctlJson.disk("/dev/vda", """
                {"json_format_version":[1,0],"smartctl":{"version":[7,3],"argv":["smartctl","--json","-n","standby","-i","-A","/dev/vda"],
                 "messages":[{"string":"/dev/vda: Unable to detect device type","severity":"error"}],"exit_status":1}}"""));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Unable to detect device type"));
    }
}
