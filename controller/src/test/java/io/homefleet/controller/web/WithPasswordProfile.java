package io.homefleet.controller.web;

import io.homefleet.service.web.PasswordHasher;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A configured controller reporting to the real hub, with a web password in controller.yaml. */
public class WithPasswordProfile implements QuarkusTestProfile {
    public static final String PASSWORD = "helyes-jelszo-42";
    /** As the hub generates it: 32 random bytes, base64url. */
    public static final String SESSION_SECRET = "q3T0mZ8kV1xYw2LrPn5sUe7dHc9aBf4gJi6oKl0tRvA";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ControllerWithHub.class,
                Map.of("password_hash", PasswordHasher.hash(PASSWORD, 4), "session_secret", SESSION_SECRET)));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // a small window so the throttle test does not lock out the others for long
        return Map.of("homefleet.web.throttle.per-account", "3", "homefleet.web.throttle.per-address", "50");
    }
}
