package io.homefleet.sensorproxy.support;

import io.homefleet.common.testing.RealHub;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real hub for the proxy's control-plane tests, serving HTTPS only with a certificate from a test CA: one hub
 * for the whole test run, started on first use and stopped when the JVM exits.
 */
public final class HttpsHub {
    private static RealHub instance;

    private HttpsHub() {
    }

    /** The shared hub, started on first use. */
    public static synchronized RealHub get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "real-hub");
            Path caPem = dir.resolve("ca.pem");
            TestCa ca = new TestCa("Homefleet test CA");
            ca.writePem(caPem);
            ca.issueServer("localhost", dir.resolve("hub.crt"), dir.resolve("hub.key"), "localhost", "127.0.0.1");
            RealHub hub = RealHub.https(dir, caPem, dir.resolve("hub.crt"), dir.resolve("hub.key"));
            hub.start();
            Runtime.getRuntime().addShutdownHook(new Thread(hub::stop));
            instance = hub;
        }
        return instance;
    }
}
