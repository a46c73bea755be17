package io.homefleet.hub.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares the OCI registry once for every hub test (one boot): the update checks list its tags. */
@QuarkusTestResource(RegistryTestResource.class)
public final class TestRegistry {
    private TestRegistry() {
    }
}
