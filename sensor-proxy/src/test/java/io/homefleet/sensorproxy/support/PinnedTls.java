package io.homefleet.sensorproxy.support;

import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.TrustOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A client TLS context that trusts exactly one server certificate, by SHA-256 fingerprint, as clients are told to. */
public final class PinnedTls {
    private PinnedTls() {
    }

    public static SSLContext context(String fingerprint, KeyStore clientIdentity, char[] password)
            throws GeneralSecurityException, IOException {
        KeyManagerFactory kmf = null;
        if (clientIdentity != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientIdentity, password);
        }
        return TrustOptions.pinned(Fingerprint.parse(fingerprint)).sslContext(kmf == null ? null : kmf.getKeyManagers());
    }
}
