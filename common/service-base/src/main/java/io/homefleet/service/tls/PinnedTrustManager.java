package io.homefleet.service.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, the one with the pinned SHA-256 fingerprint; or, made through
 * {@link #acceptingAnyCertificate()}, any. As an {@link X509ExtendedTrustManager} it also decides on the host name,
 * and skips that check on purpose: the pin names one certificate, which is stronger than a name.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final Fingerprint pinned;

    PinnedTrustManager(Fingerprint pinned) {
        this.pinned = pinned;
    }

    static PinnedTrustManager acceptingAnyCertificate() {
        return new PinnedTrustManager(null);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        if (pinned != null && !pinned.matches(chain[0])) {
            throw new CertificateException("the server's certificate has SHA-256 fingerprint " + Fingerprint.of(chain[0])
                    + ", not the pinned " + pinned);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("trusts servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
