package io.homefleet.controller.web;

import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Setup mode's fetch: {@code GET /api/v1/config/{customer id}} on the hub the customer named, with the retrieval
 * password in {@code X-Retrieval-Password}; the answer is the controller.yaml text. The hub is trusted through the
 * JVM's CAs (its certificate and key settings arrive with the file); plain http only when the environment allows it.
 */
public final class SetupFetch {
    public static final String PASSWORD_HEADER = "X-Retrieval-Password";

    private SetupFetch() {
    }

    /**
     * @throws IllegalArgumentException the URL is not usable (not http(s), no host, plain http not allowed)
     * @throws HubException the hub refused or could not be reached, in its words
     */
    public static String controllerYaml(String hubUrl, String customerId, String retrievalPassword,
                                        boolean allowPlainHttp) throws HubException {
        HubConnection connection = HubConnection.to(URI.create(hubUrl.strip())).allowingPlainHttp(allowPlainHttp)
                .withUserAgent("homefleet-controller-setup");
        HubHttpClient client;
        try {
            client = HubHttpClient.create(connection);
        } catch (IOException e) {
            throw new HubException(HubException.Kind.UNREACHABLE, "cannot set up the connection: " + e.getMessage());
        }
        String path = "/api/v1/config/" + URLEncoder.encode(customerId, StandardCharsets.UTF_8).replace("+", "%20");
        return client.getText(path, new Credential(PASSWORD_HEADER, retrievalPassword));
    }
}
