package io.homefleet.controller.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** One boot shared by the page tests: a configured controller reporting to the real hub, no web password. */
public class WithHubProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ControllerWithHub.class));
    }
}
