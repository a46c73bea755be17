package io.homefleet.service.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The version a build stamped into a service's properties file, and "unknown" without one. */
class ServiceVersionTest {
    @Test
    void theStampedVersionOfTheNamedService() {
        assertEquals("1.2.3-test", ServiceVersion.of("version-probe"));
        assertEquals("1.2.3-test", ServiceVersion.of("version-probe"), "read once, answered again");
    }

    @Test
    void aServiceWithoutItsFileIsUnknown() {
        assertEquals(ServiceVersion.UNKNOWN, ServiceVersion.of("no-such-service"));
    }
}
