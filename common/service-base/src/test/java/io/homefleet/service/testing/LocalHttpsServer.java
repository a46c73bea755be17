package io.homefleet.service.testing;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.homefleet.service.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The JDK's HTTP(S) server on 127.0.0.1 with one handler; with a certificate it speaks TLS. */
public final class LocalHttpsServer implements AutoCloseable {
    private final HttpServer server;
    private final String scheme;

    private LocalHttpsServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.start();
    }

    public static LocalHttpsServer https(SelfSignedCertificate certificate, HttpHandler handler) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(certificate)));
        server.createContext("/", handler);
        return new LocalHttpsServer(server, "https");
    }

    public static LocalHttpsServer http(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        return new LocalHttpsServer(server, "http");
    }

    /** The URL by address (127.0.0.1), so a name check against the certificate fails unless it lists the address. */
    public URI url() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI url(String host) {
        return URI.create(scheme + "://" + host + ":" + server.getAddress().getPort());
    }

    private static SSLContext serverContext(SelfSignedCertificate certificate) throws GeneralSecurityException {
        char[] password = "test".toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(certificate.toKeyStore("server", password), password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
