package io.homefleet.agent.tls;

import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local API's self-signed TLS certificate. No public CA vouches for a host's LAN address, so controllers pin
 * the certificate's SHA-256 fingerprint instead; it is created once, at first start, and kept.
 */
public final class LocalApiCertificate {
    private LocalApiCertificate() {
    }

    /** Creates the certificate and key if neither exists; returns the certificate's fingerprint (AB:CD:... form). */
    public static String ensure(Path certFile, Path keyFile, String hostId, List<String> addresses) {
        List<String> names = new ArrayList<>(List.of("localhost", hostId));
        addresses.stream().filter(a -> !names.contains(a)).forEach(names::add);
        try {
            return SelfSignedCertificate.ensure(certFile, keyFile, "CN=homefleet-agent " + hostId, names).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local API certificate at " + certFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** The SHA-256 fingerprint a controller pins, in the one spelling every service prints. */
    public static String fingerprint(Path certFile) throws IOException {
        return Fingerprint.of(certFile).toString();
    }
}
