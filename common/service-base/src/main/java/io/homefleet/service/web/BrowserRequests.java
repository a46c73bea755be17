package io.homefleet.service.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** How the shared sign-in tells a browser's page request from an API call, and where it sends one. */
public final class BrowserRequests {
    private BrowserRequests() {
    }

    /**
     * A browser navigating to a page: GET or HEAD, {@code Accept} naming {@code text/html}, outside the API paths.
     * Such a request without a session is redirected to sign in; anything else keeps its 401 problem+json.
     */
    public static boolean isPageRequest(HttpServerRequest request, List<String> apiPaths) {
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("text/html")) {
            return false;
        }
        String path = request.path();
        return apiPaths.stream().noneMatch(path::startsWith);
    }

    /** {@code signInPath?next=<the request's path and query>}. */
    public static String signInLocation(String signInPath, HttpServerRequest request) {
        String back = request.uri();
        if (back == null || back.equals("/") || back.startsWith(signInPath)) {
            return signInPath;
        }
        return signInPath + "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
    }

    /**
     * Where to go after sign-in: {@code next} when it is a path on this service ("/..." but not "//host" or with
     * a backslash, which browsers read as another site), else "/".
     */
    public static String safeNext(String next) {
        if (next == null || next.isEmpty() || !next.startsWith("/") || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    /** Plain http to localhost, 127.0.0.0/8 or ::1: the one case where the session cookie is not Secure. */
    public static boolean plainHttpToLoopback(HttpServerRequest request) {
        if (request.isSSL() || "https".equalsIgnoreCase(request.scheme())) {
            return false;
        }
        HostAndPort authority = request.authority();
        String host = authority == null ? null : authority.host();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("::1");
    }

    /** The client's address as the HTTP layer sees it (behind a proxy: as forwarded, when Quarkus trusts it). */
    public static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
