package io.homefleet.service.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {
    @TempDir
    Path dir;

    @Test
    void defaultSettingsAreDurable() throws Exception {
        // Exactly what a service's main starts with when nothing is configured (make run).
        EmbeddedPostgresSettings defaults = EmbeddedPostgresSettings.fromConfig(key -> null, dir.resolve("pgdata"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(defaults);
                Connection con = connect(server, server.password())) {
            assertEquals("on", show(con, "fsync"));
            assertEquals("on", show(con, "synchronous_commit"));
            assertEquals("on", show(con, "full_page_writes"));
            assertEquals("127.0.0.1", show(con, "listen_addresses"));
        }
    }

    @Test
    void fastSettingsOnlyWhenAskedFor() throws Exception {
        EmbeddedPostgresSettings fast = EmbeddedPostgresSettings.fromConfig(
                Map.of(EmbeddedPostgresSettings.DURABLE, "false")::get, dir.resolve("pgdata"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(fast);
                Connection con = connect(server, server.password())) {
            assertEquals("off", show(con, "fsync"));
            assertEquals("off", show(con, "synchronous_commit"));
        }
    }

    @Test
    void onlyThePasswordInTheOwnerOnlyFileLetsAnyoneIn() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                EmbeddedPostgresSettings.of(dir.resolve("pgdata")).withDurable(false))) {
            Path file = dir.resolve("pgdata.password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(server.password(), Files.readString(file).strip());
            assertTrue(server.password().length() >= 40);
            assertRefused(server, null);
            assertRefused(server, "postgres");
            assertRefused(server, "wrong-" + server.password());
            try (Connection con = connect(server, server.password())) {
                assertEquals("scram-sha-256", show(con, "password_encryption"));
            }
            assertTrue(Files.readString(dir.resolve("pgdata/pg_hba.conf")).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .allMatch(l -> l.endsWith("scram-sha-256")));
        }
        // The same password on the next start.
        String first = Files.readString(dir.resolve("pgdata.password")).strip();
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(
                EmbeddedPostgresSettings.of(dir.resolve("pgdata")).withDurable(false))) {
            assertEquals(first, again.password());
            connect(again, first).close();
        }
    }

    @Test
    void aDataDirectoryThatTrustedEveryoneIsLockedDownOnStart() throws Exception {
        Path data = dir.resolve("pgdata");
        // What the previous version left: initdb -A trust, the library's pg_hba, no password.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
                Connection con = old.getPostgresDatabase().getConnection(); Statement st = con.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('from before')");
        }
        assertTrue(Files.readString(data.resolve("pg_hba.conf")).contains("trust"));

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                EmbeddedPostgresSettings.of(data).withDurable(false))) {
            assertRefused(server, null);
            assertRefused(server, "anything");
            try (Connection con = connect(server, server.password()); Statement st = con.createStatement();
                    ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
                rs.next();
                assertEquals("from before", rs.getString(1));
            }
            assertTrue(!Files.readString(data.resolve("pg_hba.conf")).contains("trust"));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("pgdata.password"))));
        }
    }

    private static void assertRefused(EmbeddedPostgresServer server, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> connect(server, password).close());
        assertTrue(refused.getSQLState() == null || refused.getSQLState().startsWith("28")
                || refused.getSQLState().startsWith("08"), refused.getSQLState() + " " + refused.getMessage());
    }

    static Connection connect(EmbeddedPostgresServer server, String password) throws SQLException {
        return connect(server.jdbcUrl(), password);
    }

    static Connection connect(String jdbcUrl, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }

    static String show(Connection con, String setting) throws SQLException {
        try (Statement st = con.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
