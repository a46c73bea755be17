package io.homefleet.hub.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares the embedded PostgreSQL once; Quarkus applies a test resource declared anywhere to every test. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class TestDatabase {
    private TestDatabase() {
    }
}
