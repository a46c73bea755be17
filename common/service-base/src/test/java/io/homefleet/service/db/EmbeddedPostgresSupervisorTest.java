package io.homefleet.service.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresSupervisorTest {
    @TempDir
    Path dir;

    @Test
    void aKilledServerIsRestartedOverTheSameDataPortAndPassword() throws Exception {
        try (EmbeddedPostgresSupervisor db = EmbeddedPostgresSupervisor.start(
                EmbeddedPostgresSettings.of(dir.resolve("pgdata")).withDurable(true))) {
            int port = db.port();
            String password = db.password();
            try (Connection con = EmbeddedPostgresServerTest.connect(db.jdbcUrl(), password);
                    Statement st = con.createStatement()) {
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('committed')");
            }
            long pid = db.postmasterPid();
            assertTrue(pid > 0);
            new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();

            assertTrue(waitFor(Duration.ofSeconds(5), () -> !db.status().up()), "down while restarting");
            assertTrue(waitFor(Duration.ofSeconds(30), () -> db.status().up()), db.status().detail());
            assertEquals(1, db.status().restarts());
            assertEquals(port, db.port());
            assertNotEquals(pid, db.postmasterPid());
            try (Connection con = EmbeddedPostgresServerTest.connect(db.jdbcUrl(), password);
                    Statement st = con.createStatement(); ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
                rs.next();
                assertEquals("committed", rs.getString(1));
                assertEquals("on", EmbeddedPostgresServerTest.show(con, "fsync"));
            }
        }
    }

    @Test
    void aServerStoppedOnPurposeStaysStoppedUntilStartedAgain() throws Exception {
        try (EmbeddedPostgresSupervisor db = EmbeddedPostgresSupervisor.start(
                EmbeddedPostgresSettings.of(dir.resolve("pgdata")).withDurable(false))) {
            db.stopOnPurpose();
            Thread.sleep(1_000);
            assertFalse(db.status().up());
            assertEquals(-1, db.postmasterPid());
            db.startAgain();
            assertTrue(db.status().up());
            EmbeddedPostgresServerTest.connect(db.jdbcUrl(), db.password()).close();
        }
    }

    @Test
    void restartDelaysDoubleUpToTheCap() {
        RestartDelays delays = RestartDelays.cappedExponential(Duration.ofMillis(250), Duration.ofSeconds(10));
        assertEquals(Duration.ofMillis(250), delays.before(1));
        assertEquals(Duration.ofMillis(500), delays.before(2));
        assertEquals(Duration.ofSeconds(8), delays.before(6));
        assertEquals(Duration.ofSeconds(10), delays.before(7));
        assertEquals(Duration.ofSeconds(10), delays.before(1_000));
    }

    private static boolean waitFor(Duration time, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
