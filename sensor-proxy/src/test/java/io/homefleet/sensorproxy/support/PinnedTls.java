package io.homefleet.sensorproxy.support;

import io.homefleet.sensorproxy.tls.TlsMaterial;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A client TLS context that trusts exactly one server certificate, by SHA-256 fingerprint, as clients are told to. */
public final class PinnedTls {
    private PinnedTls() {
    }

    public static SSLContext context(String fingerprint, KeyStore clientIdentity, char[] password) throws GeneralSecurityException {
        TrustManager pin = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    if (!TlsMaterial.fingerprint(chain[0]).equals(fingerprint)) {
                        throw new CertificateException("server certificate does not match the pinned fingerprint");
                    }
                } catch (GeneralSecurityException e) {
                    throw new CertificateException(e);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (clientIdentity != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientIdentity, password);
        }
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), new TrustManager[] {pin}, null);
        return ctx;
    }
}
