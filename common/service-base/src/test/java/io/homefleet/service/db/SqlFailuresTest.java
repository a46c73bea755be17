package io.homefleet.service.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @Test
    void connectionLevelFailuresAreUnavailable() {
        for (String state : new String[] {"08001", "08003", "08006", "57P01", "57P02", "57P03"}) {
            assertEquals(SqlFailures.Kind.UNAVAILABLE, SqlFailures.classify(new SQLException("x", state)), state);
        }
        assertEquals(SqlFailures.Kind.UNAVAILABLE,
                SqlFailures.classify(new SQLTransientConnectionException("pool empty")));
        assertEquals(SqlFailures.Kind.UNAVAILABLE, SqlFailures.classify(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void dataErrorsAreTheCallersAndUniqueViolationsAreConflicts() {
        assertEquals(SqlFailures.Kind.INVALID_DATA, SqlFailures.classify(new SQLException("NUL", "22021")));
        assertEquals(SqlFailures.Kind.INVALID_DATA, SqlFailures.classify(new SQLException("year 10000", "22008")));
        assertEquals(SqlFailures.Kind.CONFLICT, SqlFailures.classify(new SQLException("dup", "23505")));
    }

    @Test
    void everythingElseIsTheServicesFault() {
        assertEquals(SqlFailures.Kind.OTHER, SqlFailures.classify(new SQLException("syntax", "42601")));
        assertEquals(SqlFailures.Kind.OTHER, SqlFailures.classify(new SQLException("no state")));
        assertEquals(SqlFailures.Kind.OTHER, SqlFailures.classify(new IllegalStateException("not SQL")));
    }

    @Test
    void wrappedFailuresAreFoundInTheCauseChain() {
        RuntimeException hibernateLike = new RuntimeException("could not execute statement",
                new SQLException("duplicate key", "23505"));
        assertEquals(SqlFailures.Kind.CONFLICT, SqlFailures.classify(new RuntimeException(hibernateLike)));
    }
}
