package io.homefleet.service.web;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Issues and reads session cookies: an HS256 JWT (smallrye-jwt-build signs, smallrye-jwt's parser verifies) with
 * the account ({@code sub}), {@code iat}/{@code exp}, a random CSRF token and a stamp of the account's password
 * hash, so changing a password ends the account's other sessions. The cookie is HttpOnly, SameSite=Strict, Path=/,
 * and Secure unless the request came over plain http to a loopback name.
 */
@ApplicationScoped
@IfBuildProperty(name = "homefleet.web.enabled", stringValue = "true")
public class WebSessions {
    private static final String CSRF_CLAIM = "csrf";
    private static final String STAMP_CLAIM = "pwd";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    WebConfig config;

    private SecretKey key;
    private DefaultJWTParser parser;

    @PostConstruct
    void init() {
        key = SessionKey.load(config.sessionKey(), config.sessionKeyFile());
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setIssuedBy(config.issuer());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        info.setExpGracePeriodSecs(0);
        info.setClockSkew(0);
        parser = new DefaultJWTParser(info);
    }

    /** A signed session for {@code account} starting at {@code now}. */
    public String issue(Account account, Instant now) {
        Instant expires = now.plus(config.sessionTtl());
        return Jwt.issuer(config.issuer())
                .subject(account.name())
                .upn(account.name())
                .issuedAt(now.getEpochSecond())
                .expiresAt(expires.getEpochSecond())
                .claim(CSRF_CLAIM, randomToken())
                .claim(STAMP_CLAIM, stamp(account.passwordHash()))
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(key);
    }

    /** The session a cookie value stands for: signature, issuer and expiry checked; empty when any fails. */
    public Optional<Claims> read(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.verify(token, key);
            String csrf = jwt.getClaim(CSRF_CLAIM);
            String stamp = jwt.getClaim(STAMP_CLAIM);
            if (jwt.getSubject() == null || csrf == null || stamp == null) {
                return Optional.empty();
            }
            return Optional.of(new Claims(new WebSession(jwt.getSubject(), csrf,
                    Instant.ofEpochSecond(jwt.getIssuedAtTime()), Instant.ofEpochSecond(jwt.getExpirationTime())),
                    stamp));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a session's password stamp still matches the account (false after a password change). */
    public boolean current(Claims claims, Account account) {
        return MessageDigest.isEqual(claims.passwordStamp().getBytes(StandardCharsets.US_ASCII),
                stamp(account.passwordHash()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The Set-Cookie value that starts a session. */
    public String cookie(String token, HttpServerRequest request) {
        Cookie cookie = base(token, request).setMaxAge(config.sessionTtl().toSeconds());
        return cookie.encode();
    }

    /** The Set-Cookie value that ends the session in the browser. */
    public String clearingCookie(HttpServerRequest request) {
        return base("", request).setMaxAge(0).encode();
    }

    /** The session cookie's value in {@code request}, or null. */
    public String presented(HttpServerRequest request) {
        Cookie cookie = request.getCookie(config.cookieName());
        return cookie == null ? null : cookie.getValue();
    }

    private Cookie base(String value, HttpServerRequest request) {
        return Cookie.cookie(config.cookieName(), value)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(!BrowserRequests.plainHttpToLoopback(request));
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String stamp(String passwordHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(passwordHash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A verified session and the password stamp it was issued under. */
    public record Claims(WebSession session, String passwordStamp) {
    }
}
