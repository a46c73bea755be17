package io.homefleet.service.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.service.testing.LocalHttpsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each trust option against a real TLS server on 127.0.0.1 whose certificate names only "localhost". */
class TrustOptionsTest {
    private static final SelfSignedCertificate SERVED = SelfSignedCertificate.generate("CN=hub", List.of("localhost"));
    private static final SelfSignedCertificate OTHER = SelfSignedCertificate.generate("CN=hub", List.of("localhost"));
    private static LocalHttpsServer server;

    @BeforeAll
    static void start() throws Exception {
        server = LocalHttpsServer.https(SERVED, exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pinnedAcceptsExactlyThePinnedCertificateWithoutAName() throws Exception {
        assertEquals("hello", get(TrustOptions.pinned(SERVED.fingerprint()), server.url()),
                "127.0.0.1 is not a name on the certificate: the pin replaces the name check");
        assertRefused(TrustOptions.pinned(OTHER.fingerprint()), server.url());
        assertRefused(TrustOptions.pinned(OTHER.fingerprint()), server.url("localhost"));
    }

    @Test
    void caBundleTrustsItsCertificatesAndChecksTheName(@TempDir Path dir) throws Exception {
        SERVED.write(dir.resolve("ca.pem"), dir.resolve("key.pem"));
        OTHER.write(dir.resolve("other.pem"), dir.resolve("other-key.pem"));
        TrustOptions bundle = TrustOptions.caBundle(dir.resolve("ca.pem"));
        assertEquals("hello", get(bundle, server.url("localhost")));
        assertRefused(bundle, server.url());
        assertRefused(TrustOptions.caBundle(dir.resolve("other.pem")), server.url("localhost"));
    }

    @Test
    void theJvmCasDoNotTrustASelfSignedCertificate() {
        assertRefused(TrustOptions.jvmDefault(), server.url("localhost"));
    }

    @Test
    void anyCertificateOnlyWhenNamed() throws Exception {
        TrustOptions insecure = TrustOptions.insecureAcceptAnyCertificate();
        assertTrue(insecure.insecure());
        assertEquals("hello", get(insecure, server.url()));
        assertTrue(!TrustOptions.fromSettings("", "", false).insecure(), "nothing set is the JVM's CAs, not insecure");
    }

    @Test
    void settingsChooseOneOption() throws Exception {
        assertEquals("hello", get(TrustOptions.fromSettings("", SERVED.fingerprint().toString().toLowerCase(), false),
                server.url()));
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> TrustOptions.fromSettings("ca.pem", SERVED.fingerprint().toString(), false));
        assertTrue(two.getMessage().contains("choose one"), two.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustOptions.fromSettings("", "abc", false));
    }

    private static String get(TrustOptions trust, URI url) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void assertRefused(TrustOptions trust, URI url) {
        Exception e = assertThrows(Exception.class, () -> get(trust, url), trust + " at " + url);
        assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException,
                trust + " at " + url + ": " + e);
    }
}
