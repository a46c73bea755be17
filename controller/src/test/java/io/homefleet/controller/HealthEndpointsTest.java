package io.homefleet.controller;

import io.homefleet.common.testing.HealthEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

/** The service boots and answers its probes, metrics and API description. */
@QuarkusTest
class HealthEndpointsTest extends HealthEndpointsContract {
}
