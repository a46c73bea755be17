package io.homefleet.provisioning.pxe;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The service for real PXE boots: reachable from the test LAN (listening beyond loopback), its HTTP access log in a
 * file, its dnsmasq run inside the LAN's "prov" namespace with the LAN address as next-server.
 */
public class PxeBootProfile implements QuarkusTestProfile {
    static final Path DIR = Path.of("target", "pxe-boot").toAbsolutePath();
    static final Path ACCESS_LOG = DIR.resolve("access.log");
    static volatile PxeLan lan;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.host", "0.0.0.0",
                "quarkus.http.access-log.enabled", "true",
                "quarkus.http.access-log.log-to-file", "true",
                "quarkus.http.access-log.log-directory", DIR.toString(),
                "quarkus.http.access-log.base-file-name", "access",
                "quarkus.http.access-log.rotate", "false",
                "quarkus.http.access-log.pattern", "%h \"%r\" %s %b");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Lan.class));
    }

    /** Builds the LAN before the service boots (its dnsmasq command names the namespace) and removes it after. */
    public static class Lan implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                lan = PxeLan.create(DIR);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "homefleet.provisioning.pxe.dnsmasq-command", String.join(",", lan.dnsmasqCommand()),
                    "homefleet.provisioning.pxe.server-address", PxeLan.PROV_LAN_ADDRESS,
                    "homefleet.provisioning.pxe.run-directory", DIR.resolve("dnsmasq").toString());
        }

        @Override
        public void stop() {
            if (lan != null) {
                lan.close();
                lan = null;
            }
        }
    }
}
