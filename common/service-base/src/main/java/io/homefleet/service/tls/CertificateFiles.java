package io.homefleet.service.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A listener's certificate and key files and, should they not exist yet, what its self-signed certificate is to
 * name. A service builds one from its own config (so every path to it — daemon start, CLI — names the same hosts)
 * and calls {@link #ensure()}; clients pin the {@link #fingerprint()}.
 */
public record CertificateFiles(Path certificate, Path key, String subject, List<String> names) {

    public CertificateFiles {
        names = List.copyOf(names.stream().distinct().toList());
    }

    /** Generates the pair when neither file exists, keeps an existing one; the certificate's fingerprint either way. */
    public Fingerprint ensure() throws IOException {
        return SelfSignedCertificate.ensure(certificate, key, subject, names);
    }

    /** The fingerprint of the certificate as it is on disk. */
    public Fingerprint fingerprint() throws IOException {
        return Fingerprint.of(certificate);
    }
}
