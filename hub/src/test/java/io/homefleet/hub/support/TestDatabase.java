package io.homefleet.hub.support;

import io.homefleet.service.db.testing.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Declares the embedded PostgreSQL once; Quarkus applies a test resource declared anywhere to every test. Test data
 * is thrown away, so the server runs without fsync and synchronous commit (the hub itself runs durable).
 */
@QuarkusTestResource(value = EmbeddedPostgresTestResource.class, initArgs = {
    @ResourceArg(name = "durable", value = "false"),
    @ResourceArg(name = "data-dir-key", value = "homefleet.hub.data-dir")})
public final class TestDatabase {
    private TestDatabase() {
    }
}
