package io.homefleet.provisioning.support;

import io.homefleet.service.db.testing.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Declares the test boot's parts once (Quarkus applies a test resource declared anywhere to every test): a
 * throw-away embedded PostgreSQL and the config files under {@code target/}.
 */
@QuarkusTestResource(value = EmbeddedPostgresTestResource.class, initArgs = {
    @ResourceArg(name = "durable", value = "false")})
@QuarkusTestResource(TestConfigFiles.class)
public final class TestResources {
    private TestResources() {
    }
}
