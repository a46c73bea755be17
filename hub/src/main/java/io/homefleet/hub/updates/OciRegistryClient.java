package io.homefleet.hub.updates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists a repository's tags through the OCI Distribution API ({@code GET /v2/<name>/tags/list}): follows the
 * {@code Link: <...>; rel="next"} pages, and answers a 401's {@code WWW-Authenticate: Bearer realm=..., service=...,
 * scope=...} challenge by fetching a token from the realm (anonymously, or with HTTP Basic when a login is
 * configured) and asking again with it, as Docker's token authentication specifies.
 */
public class OciRegistryClient {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 1000;

    private final URI registry;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private String token;

    public OciRegistryClient(URI registry, Optional<String> username, Optional<String> password, Duration timeout,
            ObjectMapper mapper) {
        this.registry = registry;
        this.username = username;
        this.password = password;
        this.timeout = timeout;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Every tag of the repository, in the order the registry lists them. */
    public List<String> tags(String repository, int pageSize) throws IOException, InterruptedException {
        List<String> tags = new ArrayList<>();
        URI next = registry.resolve("/v2/" + repository + "/tags/list?n=" + pageSize);
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new IOException("more than " + MAX_PAGES + " pages of tags at " + registry);
            }
            HttpResponse<String> response = get(next);
            if (response.statusCode() != 200) {
                throw new IOException("GET " + next + " answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            JsonNode body = mapper.readTree(response.body());
            JsonNode list = body.get("tags");
            if (list != null && list.isArray()) {
                list.forEach(t -> tags.add(t.asText()));
            }
            next = response.headers().firstValue("Link").map(this::nextPage).orElse(null);
        }
        return tags;
    }

    private URI nextPage(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() ? registry.resolve(m.group(1)) : null;
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(uri), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            Optional<String> challenge = response.headers().firstValue("WWW-Authenticate");
            if (challenge.isPresent() && challenge.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = fetchToken(challenge.get());
                response = http.send(request(uri), HttpResponse.BodyHandlers.ofString());
            }
        }
        return response;
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.GET().build();
    }

    /** Docker token authentication: GET realm?service=...&scope=... → {"token": ...} or {"access_token": ...}. */
    private String fetchToken(String challenge) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new IOException("the registry's Bearer challenge names no realm: " + challenge);
        }
        StringBuilder query = new StringBuilder();
        for (String name : List.of("service", "scope")) {
            if (params.containsKey(name)) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(params.get(name), StandardCharsets.UTF_8));
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(realm + query)).timeout(timeout)
                .header("Accept", "application/json");
        if (username.isPresent()) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (username.get() + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the registry's token service " + realm + " answered " + response.statusCode());
        }
        JsonNode body = mapper.readTree(response.body());
        JsonNode t = body.hasNonNull("token") ? body.get("token") : body.get("access_token");
        if (t == null || t.asText().isBlank()) {
            throw new IOException("the registry's token service " + realm + " sent no token");
        }
        return t.asText();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
