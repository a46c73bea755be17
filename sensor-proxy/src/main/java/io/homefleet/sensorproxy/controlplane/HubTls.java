package io.homefleet.sensorproxy.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the proxy trusts the hub's certificate: the JVM's CAs (default), a CA bundle ({@code ca_file}, with the usual
 * host name check), exactly one certificate ({@code pinned_fingerprint}: its SHA-256 must match, which is stronger
 * than a name check and replaces it), or — only when explicitly asked — anything.
 */
public final class HubTls {
    private HubTls() {
    }

    public static SSLContext context(String caFile, String pinnedFingerprint, boolean insecure) throws IOException {
        try {
            if (!pinnedFingerprint.isBlank()) {
                return withTrustManager(new Pinned(normalize(pinnedFingerprint)));
            }
            if (insecure) {
                return withTrustManager(new Pinned(null));
            }
            if (!caFile.isBlank()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certificates.isEmpty()) {
                    throw new IOException(caFile + " holds no PEM certificate");
                }
                int i = 0;
                for (Certificate c : certificates) {
                    store.setCertificateEntry("ca-" + i++, c);
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), new SecureRandom());
                return context;
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for the hub: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex without separators. */
    public static String normalize(String fingerprint) {
        return fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
    }

    public static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    private static SSLContext withTrustManager(TrustManager manager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {manager}, new SecureRandom());
        return context;
    }

    /** Trusts the one certificate whose fingerprint is pinned; with no pin, any (insecure_skip_verify). */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final String expected;

        Pinned(String expected) {
            this.expected = expected;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the hub presented no certificate");
            }
            if (expected == null) {
                return;
            }
            String actual = fingerprint(chain[0]);
            if (!MessageDigest.isEqual(actual.getBytes(), expected.getBytes())) {
                throw new CertificateException("the hub's certificate has SHA-256 fingerprint " + actual
                        + ", not the pinned " + expected);
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
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
