package io.homefleet.hub.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Link pagination of {@code tags/list}. The registry of the other tests (docker-registry 2.8) answers every tag in
 * one page, so this uses a stand-in that pages as the OCI Distribution specification says ({@code n}, {@code last},
 * {@code Link: <...>; rel="next"}), as registries such as Harbor, GHCR and distribution 3 do.
 */
class OciRegistryPaginationTest {
    private static final List<String> TAGS = List.of("0.1.0", "0.2.0", "0.3.0", "0.10.0", "1.0.0");

    @Test
    void everyPageIsFollowed() throws Exception {
        List<String> requested = new ArrayList<>();
        HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        standIn.createContext("/v2/homefleet/controller/tags/list", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getQuery();
                requested.add(query);
                int n = 2;
                String last = null;
                for (String pair : query.split("&")) {
                    if (pair.startsWith("n=")) {
                        n = Integer.parseInt(pair.substring(2));
                    } else if (pair.startsWith("last=")) {
                        last = pair.substring(5);
                    }
                }
                int from = last == null ? 0 : TAGS.indexOf(last) + 1;
                List<String> page = TAGS.subList(from, Math.min(TAGS.size(), from + n));
                if (from + n < TAGS.size()) {
                    exchange.getResponseHeaders().set("Link", "</v2/homefleet/controller/tags/list?n=" + n
                            + "&last=" + page.get(page.size() - 1) + ">; rel=\"next\"");
                }
                byte[] body = ("{\"name\":\"homefleet/controller\",\"tags\":[\"" + String.join("\",\"", page)
                        + "\"]}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        standIn.start();
        try {
            OciRegistryClient client = new OciRegistryClient(URI.create("http://127.0.0.1:"
                    + standIn.getAddress().getPort()), Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                    new ObjectMapper());
            assertEquals(TAGS, client.tags("homefleet/controller", 2));
            assertEquals(List.of("n=2", "n=2&last=0.2.0", "n=2&last=0.10.0"), requested);
        } finally {
            standIn.stop(0);
        }
    }
}
