package io.homefleet.sensorproxy.support;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.homefleet.service.tls.Fingerprint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server that answers authorized-nodes with whatever a test sets: the hub's failure modes (garbage, an
 * empty list, a hash that does not match) that the real hub never produces. Not a hub: it only serves what it is told.
 */
public final class MisbehavingHub implements AutoCloseable {
    private final HttpsServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(503, "application/json", "{}"));
    private final AtomicInteger requests = new AtomicInteger();
    public final String fingerprint;

    /** What the next requests get. */
    public record Answer(int status, String contentType, String body) {
    }

    public MisbehavingHub() throws Exception {
        TestCa ca = new TestCa("Misbehaving test CA");
        char[] password = "test".toCharArray();
        KeyStore keys = ca.serverKeyStore("localhost", password, "localhost", "127.0.0.1");
        this.fingerprint = Fingerprint.of(keys.getCertificate("server")).toString();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/api/v1/temperature-proxy/authorized-nodes", exchange -> {
            requests.incrementAndGet();
            Answer a = answer.get();
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", a.contentType());
            exchange.sendResponseHeaders(a.status(), a.status() == 304 ? -1 : body.length);
            if (a.status() != 304) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    public void answer(int status, String contentType, String body) {
        answer.set(new Answer(status, contentType, body));
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
