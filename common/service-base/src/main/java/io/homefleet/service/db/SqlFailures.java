package io.homefleet.service.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a database failure means for the caller, decided on its SQLState, never on its message text (except for the
 * pool's acquisition timeout, which carries no SQLState). A pure function: the exception mappers call it.
 *
 * <ul>
 * <li>{@link Kind#UNAVAILABLE} (503 storage-unavailable, Retry-After): the database cannot be reached or is going
 *     away — SQLState class 08, 57P01/57P02/57P03, {@link SQLTransientConnectionException}, the pool's acquisition
 *     timeout. The same request will work later.</li>
 * <li>{@link Kind#INVALID_DATA} (400 invalid-fields): the data cannot be stored as sent — class 22 (a NUL byte
 *     22021, a datetime out of range 22008, ...). Edge validation should have refused it first.</li>
 * <li>{@link Kind#CONFLICT} (409 conflict): a unique key is taken (23505) — a concurrent create won.</li>
 * <li>{@link Kind#OTHER} (500 internal-error): anything else is the service's fault.</li>
 * </ul>
 */
public final class SqlFailures {
    public enum Kind {
        UNAVAILABLE, INVALID_DATA, CONFLICT, OTHER
    }

    public static final String UNIQUE_VIOLATION = "23505";

    private SqlFailures() {
    }

    /** Classifies the first {@link SQLException} in {@code failure}'s cause chain ({@link Kind#OTHER} if none). */
    public static Kind classify(Throwable failure) {
        return sqlException(failure).map(SqlFailures::classify).orElse(Kind.OTHER);
    }

    public static Kind classify(SQLException e) {
        for (SQLException cur = e; cur != null; cur = cur.getNextException()) {
            Kind kind = classifyOne(cur);
            if (kind != Kind.OTHER) {
                return kind;
            }
        }
        return Kind.OTHER;
    }

    /** The first SQLException in the cause chain (Hibernate and JTA wrap them). */
    public static Optional<SQLException> sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static Kind classifyOne(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return Kind.UNAVAILABLE;
        }
        String state = e.getSQLState();
        if (state == null) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            // Agroal: "Sorry, acquisition timeout!" (no SQLState), or its TimeoutException as the cause.
            return message.contains("acquisition timeout") || e.getCause() instanceof java.util.concurrent.TimeoutException
                    ? Kind.UNAVAILABLE : Kind.OTHER;
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return Kind.UNAVAILABLE;
        }
        if (state.startsWith("22")) {
            return Kind.INVALID_DATA;
        }
        if (state.equals(UNIQUE_VIOLATION)) {
            return Kind.CONFLICT;
        }
        return Kind.OTHER;
    }
}
