package io.homefleet.service.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which server certificates a client trusts, one of four:
 * <ul>
 * <li>{@link #jvmDefault()}: the JVM's trusted CAs, host name checked (the default);</li>
 * <li>{@link #caBundle(Path)}: the CAs in a PEM bundle, host name checked;</li>
 * <li>{@link #pinned(Fingerprint)}: exactly the certificate with that SHA-256; no host name is needed, since the
 * pin names one certificate;</li>
 * <li>{@link #insecureAcceptAnyCertificate()}: anything. Never a default: only a caller that names it gets it.</li>
 * </ul>
 */
public final class TrustOptions {
    private enum Kind { JVM_DEFAULT, CA_BUNDLE, PINNED, INSECURE }

    private final Kind kind;
    private final Path caBundle;
    private final Fingerprint pinned;

    private TrustOptions(Kind kind, Path caBundle, Fingerprint pinned) {
        this.kind = kind;
        this.caBundle = caBundle;
        this.pinned = pinned;
    }

    public static TrustOptions jvmDefault() {
        return new TrustOptions(Kind.JVM_DEFAULT, null, null);
    }

    public static TrustOptions caBundle(Path pemFile) {
        return new TrustOptions(Kind.CA_BUNDLE, pemFile, null);
    }

    public static TrustOptions pinned(Fingerprint fingerprint) {
        return new TrustOptions(Kind.PINNED, null, fingerprint);
    }

    public static TrustOptions insecureAcceptAnyCertificate() {
        return new TrustOptions(Kind.INSECURE, null, null);
    }

    /**
     * From the usual three settings ({@code ca_file}, {@code pinned_fingerprint}, {@code insecure_skip_verify}); blank
     * means unset, all unset means the JVM's CAs.
     *
     * @throws IllegalArgumentException when more than one is set, or the fingerprint is not one
     */
    public static TrustOptions fromSettings(String caFile, String pinnedFingerprint, boolean insecureSkipVerify) {
        boolean ca = caFile != null && !caFile.isBlank();
        boolean pin = pinnedFingerprint != null && !pinnedFingerprint.isBlank();
        if ((ca ? 1 : 0) + (pin ? 1 : 0) + (insecureSkipVerify ? 1 : 0) > 1) {
            throw new IllegalArgumentException("choose one of a CA file, a pinned fingerprint and skipping verification");
        }
        if (pin) {
            return pinned(Fingerprint.parse(pinnedFingerprint));
        }
        if (ca) {
            return caBundle(Path.of(caFile));
        }
        return insecureSkipVerify ? insecureAcceptAnyCertificate() : jvmDefault();
    }

    public boolean insecure() {
        return kind == Kind.INSECURE;
    }

    /** A client context that trusts as chosen. */
    public SSLContext sslContext() throws IOException {
        return sslContext(null);
    }

    /** As {@link #sslContext()}, presenting {@code clientIdentity} when a server asks for a client certificate. */
    public SSLContext sslContext(KeyManager[] clientIdentity) throws IOException {
        try {
            return switch (kind) {
                case JVM_DEFAULT -> clientIdentity == null ? SSLContext.getDefault()
                        : context(clientIdentity, null);
                case CA_BUNDLE -> context(clientIdentity, caTrust(caBundle));
                case PINNED -> context(clientIdentity, new TrustManager[] {new PinnedTrustManager(pinned)});
                case INSECURE -> context(clientIdentity, new TrustManager[] {PinnedTrustManager.acceptingAnyCertificate()});
            };
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, new SecureRandom());
        return context;
    }

    private static TrustManager[] caTrust(Path bundle) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(bundle)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new IOException(bundle + " holds no PEM certificate");
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case JVM_DEFAULT -> "the JVM's trusted CAs";
            case CA_BUNDLE -> "the CAs in " + caBundle;
            case PINNED -> "the certificate with SHA-256 " + pinned;
            case INSECURE -> "any certificate (verification skipped)";
        };
    }
}
