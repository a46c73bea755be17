package io.homefleet.service.web;

import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The form handling every sign-in page shares. A service's page resource (blocking, so on a worker) calls
 * {@link #attempt} with the posted name and password and turns the {@link Outcome} into its answer: on
 * {@link Outcome.SignedIn} a 303 to {@link #afterSignIn} with {@link Outcome.SignedIn#setCookie()}, on
 * {@link Outcome.Refused} its form again with the message, on {@link Outcome.Throttled} {@link #throttled}
 * (429 with Retry-After). {@link #signOut} clears the cookie. Failures are logged with account and address; the
 * password never is.
 */
@ApplicationScoped
@IfBuildProperty(name = "homefleet.web.enabled", stringValue = "true")
public class SignIn {
    private static final Logger LOG = Logger.getLogger(SignIn.class);
    private static final int MAX_NAME = 200;

    @Inject
    WebConfig config;

    @Inject
    AccountStore accounts;

    @Inject
    WebSessions sessions;

    @Inject
    SignInThrottle throttle;

    Clock clock = Clock.systemUTC();

    /** What a sign-in attempt came to. */
    public sealed interface Outcome {
        /** Signed in; set the cookie. {@code mustChangePassword}: send the browser to change it first. */
        record SignedIn(Account account, String setCookie) implements Outcome {
        }

        /** Wrong name or password (the same answer for both). */
        record Refused(String message) implements Outcome {
        }

        /** Too many failures for this account or address; nothing was checked. */
        record Throttled(Duration retryAfter) implements Outcome {
        }
    }

    public Outcome attempt(String name, String password, HttpServerRequest request) {
        Instant now = clock.instant();
        String address = BrowserRequests.clientAddress(request);
        String account = name == null ? "" : name.trim();
        if (account.length() > MAX_NAME) {
            account = account.substring(0, MAX_NAME);
        }
        Optional<Duration> wait = throttle.retryAfter(account, address, now);
        if (wait.isPresent()) {
            LOG.warnf("Sign-in throttled for account '%s' from %s (retry in %d s)", printable(account), address,
                    wait.get().toSeconds());
            return new Outcome.Throttled(wait.get());
        }
        Optional<Account> found = account.isEmpty() ? Optional.empty() : accounts.find(account);
        if (!PasswordHasher.verify(password == null ? "" : password, found.map(Account::passwordHash).orElse(null))) {
            int failures = throttle.failed(account, address, now);
            LOG.warnf("Sign-in refused for account '%s' from %s (%d of %d failures allowed in %s)", printable(account),
                    address, failures, config.throttle().perAccount(), config.throttle().window());
            return new Outcome.Refused("Wrong name or password.");
        }
        throttle.succeeded(account, address);
        LOG.infof("Signed in: account '%s' from %s", printable(found.get().name()), address);
        return new Outcome.SignedIn(found.get(), sessions.cookie(sessions.issue(found.get(), now), request));
    }

    /** Where a browser goes after signing in: the change-password page first if it must, else {@code next}. */
    public URI afterSignIn(Outcome.SignedIn signedIn, String next) {
        return URI.create(signedIn.account().mustChangePassword() ? config.changePasswordPath()
                : BrowserRequests.safeNext(next));
    }

    /** 303 to {@code location} with the session cookie set. */
    public Response redirectSignedIn(Outcome.SignedIn signedIn, String next) {
        return Response.seeOther(afterSignIn(signedIn, next)).header(HttpHeaders.SET_COOKIE, signedIn.setCookie())
                .build();
    }

    /** A new session for an account whose password just changed (its old sessions no longer verify). */
    public String renewedCookie(Account account, HttpServerRequest request) {
        return sessions.cookie(sessions.issue(account, clock.instant()), request);
    }

    /** 429 rate-limited problem+json with Retry-After, for an API-style answer to a throttled attempt. */
    public Response throttled(Outcome.Throttled throttled) {
        long seconds = Math.max(1, throttled.retryAfter().toSeconds());
        return ProblemResponses.builder(ProblemException.problem(ProblemType.RATE_LIMITED,
                                "too many failed sign-ins for this account or from this address; try again in "
                                        + seconds + " s")
                        .with("retry_after_seconds", seconds))
                .header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    /** 303 to the sign-in page with the session cookie cleared. */
    public Response signOut(HttpServerRequest request) {
        return Response.seeOther(URI.create(config.signInPath()))
                .header(HttpHeaders.SET_COOKIE, sessions.clearingCookie(request)).build();
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\p{Graph} ]", "?");
    }
}
