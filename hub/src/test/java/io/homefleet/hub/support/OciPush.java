package io.homefleet.hub.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes a tiny image to a registry with the Distribution HTTP API itself: a config blob and a layer blob
 * (monolithic uploads: POST /v2/<name>/blobs/uploads/, PUT ?digest=), then the manifest under a tag. Answers the
 * registry's Bearer challenge with a token for push and pull from its token service.
 */
public final class OciPush {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String basicAuth;
    private String token;

    public OciPush(String base, String username, String password) {
        this.base = base;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    public void push(String repository, String tag) throws Exception {
        byte[] layer = ("homefleet test layer " + tag).getBytes(StandardCharsets.UTF_8);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        String layerDigest = blob(repository, layer);
        String configDigest = blob(repository, config);
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%d,"digest":"%s"},
                 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":%d,"digest":"%s"}]}
                """.formatted(config.length, configDigest, layer.length, layerDigest);
        HttpResponse<String> put = send(repository, HttpRequest.newBuilder(URI.create(base + "/v2/" + repository
                        + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)));
        expect(put, 201, "manifest " + tag);
    }

    private String blob(String repository, byte[] content) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        HttpResponse<String> start = send(repository, HttpRequest.newBuilder(URI.create(base + "/v2/" + repository
                + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
        expect(start, 202, "blob upload start");
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(base).resolve(location);
        String sep = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> put = send(repository, HttpRequest.newBuilder(URI.create(upload + sep + "digest="
                        + digest)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        expect(put, 201, "blob " + digest);
        return digest;
    }

    private HttpResponse<String> send(String repository, HttpRequest.Builder request) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 && token == null) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
            java.util.Map<String, String> params = new java.util.HashMap<>();
            Matcher m = PARAM.matcher(challenge);
            while (m.find()) {
                params.put(m.group(1), m.group(2));
            }
            String scope = "repository:" + repository + ":pull,push";
            HttpResponse<String> t = http.send(HttpRequest.newBuilder(URI.create(params.get("realm") + "?service="
                    + params.get("service") + "&scope=" + java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                    .header("Authorization", basicAuth).build(), HttpResponse.BodyHandlers.ofString());
            expect(t, 200, "token");
            token = t.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1").trim();
            HttpRequest again = request.build();
            HttpRequest.Builder retry = HttpRequest.newBuilder(again.uri()).method(again.method(),
                    again.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
            again.headers().map().forEach((k, vs) -> vs.forEach(v -> {
                if (!k.equalsIgnoreCase("Authorization")) {
                    retry.header(k, v);
                }
            }));
            return send(repository, retry);
        }
        return response;
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": the registry answered " + response.statusCode() + " "
                    + response.body());
        }
    }
}
