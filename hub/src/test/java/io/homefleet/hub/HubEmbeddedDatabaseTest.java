package io.homefleet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.service.db.EmbeddedPostgresLauncher;
import io.homefleet.service.db.EmbeddedPostgresSupervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database `make run` starts: the hub's main with nothing configured but its data directory. */
class HubEmbeddedDatabaseTest {
    private static final List<String> SET_BY_MAIN = List.of("quarkus.datasource.jdbc.url",
            "quarkus.datasource.username", "quarkus.datasource.password", "homefleet.hub.data-dir");

    @TempDir
    Path dir;

    @Test
    void theDefaultEmbeddedDatabaseIsDurableAndLockedDown() throws Exception {
        Map<String, String> before = new java.util.HashMap<>();
        SET_BY_MAIN.forEach(k -> before.put(k, System.getProperty(k)));
        System.setProperty("homefleet.hub.data-dir", dir.resolve("hub").toString());
        try (EmbeddedPostgresSupervisor db = EmbeddedPostgresLauncher
                .startUnlessDatasourceConfigured(HubMain.embeddedDataDir()).orElseThrow()) {
            assertEquals(dir.resolve("hub/pgdata"), db.settings().dataDir());
            Path passwordFile = dir.resolve("hub/pgdata.password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            Properties props = new Properties();
            props.setProperty("user", System.getProperty("quarkus.datasource.username"));
            props.setProperty("password", System.getProperty("quarkus.datasource.password"));
            try (Connection con = DriverManager.getConnection(System.getProperty("quarkus.datasource.jdbc.url"),
                    props); Statement st = con.createStatement()) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                        rs.next();
                        assertEquals("on", rs.getString(1), setting);
                    }
                }
                try (ResultSet rs = st.executeQuery("SHOW listen_addresses")) {
                    rs.next();
                    assertEquals("127.0.0.1", rs.getString(1));
                }
            }
            Properties noPassword = new Properties();
            noPassword.setProperty("user", "postgres");
            assertTrue(refused(System.getProperty("quarkus.datasource.jdbc.url"), noPassword));
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private static boolean refused(String url, Properties props) {
        try (Connection ignored = DriverManager.getConnection(url, props)) {
            return false;
        } catch (java.sql.SQLException e) {
            return true;
        }
    }
}
