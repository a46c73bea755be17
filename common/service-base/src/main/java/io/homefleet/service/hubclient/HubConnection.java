package io.homefleet.service.hubclient;

import io.homefleet.service.tls.TrustOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where and how a service reaches the hub: base URL, which certificates it trusts, the time limit per call, whether
 * plain http is allowed (only when named), the User-Agent and the largest answer read.
 */
public record HubConnection(URI baseUrl, TrustOptions trust, Duration timeout, boolean allowPlainHttp,
                            String userAgent, int maxAnswerBytes) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** Far above any real answer; a larger one is not read to the end. */
    public static final int DEFAULT_MAX_ANSWER_BYTES = 1 << 20;

    public HubConnection {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the hub URL " + baseUrl + " is not an http(s) URL");
        }
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the hub URL " + baseUrl + " names no host");
        }
        String text = baseUrl.toString();
        baseUrl = URI.create(text.endsWith("/") ? text.replaceAll("/+$", "") : text);
    }

    /** Refuses plain http unless allowed: bearer tokens would cross the network readable. */
    void requireSafeScheme() {
        if (baseUrl.getScheme().equalsIgnoreCase("http") && !allowPlainHttp) {
            throw new IllegalArgumentException("the hub URL " + baseUrl + " is plain http: tokens would cross the "
                    + "network readable; use https, or allow plain http explicitly (tests, a hub on loopback)");
        }
    }

    /** {@code baseUrl}, trusting the JVM's CAs, with the default time limit and answer size. */
    public static HubConnection to(URI baseUrl) {
        return new HubConnection(baseUrl, TrustOptions.jvmDefault(), DEFAULT_TIMEOUT, false, "homefleet",
                DEFAULT_MAX_ANSWER_BYTES);
    }

    /**
     * {@code url} as an edge service's config file names its hub: the trust chosen there, and plain http only when
     * the file's validation allowed it.
     */
    public static HubConnection of(String url, TrustOptions trust, boolean allowPlainHttp) {
        return to(URI.create(url)).trusting(trust).allowingPlainHttp(allowPlainHttp);
    }

    public HubConnection trusting(TrustOptions trust) {
        return new HubConnection(baseUrl, trust, timeout, allowPlainHttp, userAgent, maxAnswerBytes);
    }

    public HubConnection withTimeout(Duration timeout) {
        return new HubConnection(baseUrl, trust, timeout, allowPlainHttp, userAgent, maxAnswerBytes);
    }

    public HubConnection allowingPlainHttp(boolean allow) {
        return new HubConnection(baseUrl, trust, timeout, allow, userAgent, maxAnswerBytes);
    }

    public HubConnection withUserAgent(String userAgent) {
        return new HubConnection(baseUrl, trust, timeout, allowPlainHttp, userAgent, maxAnswerBytes);
    }

    public HubConnection withMaxAnswerBytes(int maxAnswerBytes) {
        return new HubConnection(baseUrl, trust, timeout, allowPlainHttp, userAgent, maxAnswerBytes);
    }
}
