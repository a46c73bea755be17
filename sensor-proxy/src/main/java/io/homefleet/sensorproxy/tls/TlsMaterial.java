package io.homefleet.sensorproxy.tls;

import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The HTTPS listener's certificate. When none is configured, a self-signed ECDSA P-256 certificate is
 * generated at first start (key 0600) and reused afterwards; clients pin its SHA-256 fingerprint, which the
 * proxy logs at start and {@code sensor-proxy tls fingerprint} prints (as {@code AB:CD:...}, like openssl).
 */
public final class TlsMaterial {
    private TlsMaterial() {
    }

    public record Paths(Path certificate, Path key) {
    }

    public static Paths resolve(String configuredCert, String configuredKey, Path stateDir) {
        if (!configuredCert.isBlank()) {
            return new Paths(Path.of(configuredCert), Path.of(configuredKey));
        }
        return new Paths(stateDir.resolve("tls").resolve("server.crt"), stateDir.resolve("tls").resolve("server.key"));
    }

    /** Generates the pair when neither file exists; returns the certificate's fingerprint either way. */
    public static String ensure(Paths paths, String hostName) throws IOException {
        return SelfSignedCertificate.ensure(paths.certificate(), paths.key(), "CN=" + hostName + ",O=Homefleet sensor proxy",
                List.of(hostName, "localhost", "127.0.0.1", "::1")).toString();
    }

    /** SHA-256 over the certificate's DER bytes, as colon-separated upper-case hex (what openssl and browsers show). */
    public static String fingerprint(Path certificate) throws IOException {
        return Fingerprint.of(certificate).toString();
    }
}
