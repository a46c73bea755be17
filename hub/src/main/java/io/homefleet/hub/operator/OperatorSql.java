package io.homefleet.hub.operator;

import io.homefleet.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operators table in plain SQL on a given connection, so the running hub and the {@code operators} CLI (which
 * runs without Quarkus) read and write it the same way.
 */
public final class OperatorSql {
    /** The same rule as the table's CHECK: lower-case letters, digits, '.', '_', '-'; 1 to 63 characters. */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";
    private static final String COLUMNS = "name, password_hash, role, must_change_password, created_at, "
            + "password_changed_at";

    private OperatorSql() {
    }

    public static Optional<OperatorRecord> find(Connection con, String name) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT " + COLUMNS + " FROM operators WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public static List<OperatorRecord> list(Connection con) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT " + COLUMNS + " FROM operators ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            List<OperatorRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }
    }

    /** Inserts unless the name exists; true when inserted. */
    public static boolean insert(Connection con, String name, String hash, OperatorRole role, boolean mustChange)
            throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("INSERT INTO operators (name, password_hash, role, "
                + "must_change_password) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, name);
            ps.setString(2, hash);
            ps.setString(3, role.label());
            ps.setBoolean(4, mustChange);
            return ps.executeUpdate() == 1;
        }
    }

    /** Inserts the first operator only while there is none (several replicas starting at once: one wins). */
    public static boolean insertFirst(Connection con, String name, String hash, OperatorRole role) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("INSERT INTO operators (name, password_hash, role, "
                + "must_change_password) SELECT ?, ?, ?, true WHERE NOT EXISTS (SELECT 1 FROM operators) "
                + "ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, name);
            ps.setString(2, hash);
            ps.setString(3, role.label());
            return ps.executeUpdate() == 1;
        }
    }

    public static boolean setPassword(Connection con, String name, String hash, boolean mustChange)
            throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("UPDATE operators SET password_hash = ?, "
                + "must_change_password = ?, password_changed_at = now() WHERE name = ?")) {
            ps.setString(1, hash);
            ps.setBoolean(2, mustChange);
            ps.setString(3, name);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Changes a role, refusing (false) to take the last admin's away: the check and the change are one statement.
     */
    public static boolean setRole(Connection con, String name, OperatorRole role) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("UPDATE operators SET role = ? WHERE name = ? AND (? = 'admin'"
                + " OR role <> 'admin' OR (SELECT count(*) FROM operators WHERE role = 'admin') > 1)")) {
            ps.setString(1, role.label());
            ps.setString(2, name);
            ps.setString(3, role.label());
            return ps.executeUpdate() == 1;
        }
    }

    /** Removes an operator unless it is the last admin; true when removed. */
    public static boolean delete(Connection con, String name) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("DELETE FROM operators WHERE name = ? AND (role <> 'admin' "
                + "OR (SELECT count(*) FROM operators WHERE role = 'admin') > 1)")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        }
    }

    /** Serializes changes that check the admin count (two removals of the last two admins at once). */
    public static void lockTable(Connection con) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("LOCK TABLE operators IN SHARE ROW EXCLUSIVE MODE")) {
            ps.execute();
        }
    }

    private static OperatorRecord read(ResultSet rs) throws SQLException {
        return new OperatorRecord(rs.getString("name"), rs.getString("password_hash"),
                OperatorRole.parse(rs.getString("role")).orElseThrow(), rs.getBoolean("must_change_password"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "password_changed_at"));
    }
}
