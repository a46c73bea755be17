package io.homefleet.hub.db;

import io.homefleet.service.db.SqlFailures;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small JDBC conversions shared by the hub's SQL repositories. */
public final class Sql {
    private Sql() {
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * What a failed statement means for the caller ({@link SqlFailures}): the database unreachable is a
     * {@link StorageException} (503, try again later); data it cannot store is the caller's 400; a taken unique key
     * a 409; anything else a fault of the hub (500), never passed off as an outage.
     */
    public static RuntimeException failure(SQLException e) {
        return switch (SqlFailures.classify(e)) {
            case UNAVAILABLE -> new StorageException("database unreachable: " + e.getMessage(), e);
            case INVALID_DATA -> ProblemException.of(ProblemType.INVALID_FIELDS,
                    "a value in the request cannot be stored: " + firstLine(e.getMessage()));
            case CONFLICT -> ProblemException.of(ProblemType.CONFLICT,
                    "it already exists (a concurrent request created it first)");
            case OTHER -> new IllegalStateException("database operation failed: " + e.getMessage(), e);
        };
    }

    private static String firstLine(String message) {
        return message == null ? "invalid value" : message.lines().findFirst().orElse(message);
    }
}
