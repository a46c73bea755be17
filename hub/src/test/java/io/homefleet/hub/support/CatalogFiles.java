package io.homefleet.hub.support;

import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Catalog files of the test resources (catalog/), and their upload through the operator API. */
public final class CatalogFiles {
    private CatalogFiles() {
    }

    public static String resource(String path) {
        try (InputStream in = CatalogFiles.class.getResourceAsStream("/catalog/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource catalog/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response upload(String yaml) {
        return Fleet.operator().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/catalog/apps");
    }

    /** The example app (catalog/nextcloud.yaml) under another id, so tests sharing one database never collide. */
    public static String nextcloudAs(String id) {
        return resource("nextcloud.yaml").replace("id: eu.felhom.nextcloud", "id: " + id);
    }
}
