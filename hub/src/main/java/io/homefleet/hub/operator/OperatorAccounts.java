package io.homefleet.hub.operator;

import io.agroal.api.AgroalDataSource;
import io.homefleet.hub.db.Sql;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.service.web.Account;
import io.homefleet.service.web.AccountStore;
import io.homefleet.service.web.PasswordChange;
import io.homefleet.service.web.PasswordHasher;
import io.homefleet.service.web.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The hub's dashboard operators: the {@link AccountStore} the shared sign-in asks, and the changes admins make in the
 * dashboard. Plain SQL ({@link OperatorSql}) because the {@code operators} CLI shares it without Hibernate.
 * Bad input is a 400 that says what to change; removing or demoting the last admin is a 409.
 */
@ApplicationScoped
public class OperatorAccounts implements AccountStore {
    public static final int MIN_PASSWORD_LENGTH = PasswordChange.MIN_LENGTH;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WebConfig web;

    @Override
    public Optional<Account> find(String name) {
        return record(name).map(OperatorAccounts::account);
    }

    public Optional<OperatorRecord> record(String name) {
        if (name == null || !name.matches(OperatorSql.NAME_PATTERN)) {
            return Optional.empty();
        }
        try (Connection con = dataSource.getConnection()) {
            return OperatorSql.find(con, name);
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    public List<OperatorRecord> list() {
        try (Connection con = dataSource.getConnection()) {
            return OperatorSql.list(con);
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** Adds an operator who must choose a new password at first sign-in. */
    public void add(String name, String password, String role) {
        String checkedName = checkName(name);
        OperatorRole checkedRole = checkRole(role);
        checkPassword(password);
        try (Connection con = dataSource.getConnection()) {
            if (!OperatorSql.insert(con, checkedName, PasswordHasher.hash(password, web.bcryptCost()), checkedRole,
                    true)) {
                throw ProblemException.conflict("an operator named '" + checkedName + "' exists already");
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** Sets a password; {@code mustChange}: the operator chooses another at next sign-in (an admin's reset). */
    public Account setPassword(String name, String password, boolean mustChange) {
        checkPassword(password);
        try (Connection con = dataSource.getConnection()) {
            if (!OperatorSql.setPassword(con, name, PasswordHasher.hash(password, web.bcryptCost()), mustChange)) {
                throw ProblemException.notFound("no operator '" + name + "'");
            }
            return account(OperatorSql.find(con, name).orElseThrow());
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    public void setRole(String name, String role) {
        OperatorRole checked = checkRole(role);
        inTransaction(con -> {
            if (OperatorSql.find(con, name).isEmpty()) {
                throw ProblemException.notFound("no operator '" + name + "'");
            }
            if (!OperatorSql.setRole(con, name, checked)) {
                throw ProblemException.conflict("'" + name + "' is the last admin; make another operator admin first");
            }
        });
    }

    public void remove(String name) {
        inTransaction(con -> {
            if (OperatorSql.find(con, name).isEmpty()) {
                throw ProblemException.notFound("no operator '" + name + "'");
            }
            if (!OperatorSql.delete(con, name)) {
                throw ProblemException.conflict("'" + name + "' is the last admin; make another operator admin first");
            }
        });
    }

    /** Checks a new password: at least {@value #MIN_PASSWORD_LENGTH} characters, at most 72 bytes. */
    public static void checkPassword(String password) {
        String problem = PasswordChange.problemWithNew(password);
        if (problem != null) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, problem).with("field", "password");
        }
    }

    public static String checkName(String name) {
        if (name == null || !name.trim().matches(OperatorSql.NAME_PATTERN)) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "an operator name is 1 to 63 lower-case letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit").with("field", "name");
        }
        return name.trim();
    }

    public static OperatorRole checkRole(String role) {
        return OperatorRole.parse(role).orElseThrow(() -> ProblemException.of(ProblemType.INVALID_FIELDS,
                "role must be viewer, operator or admin").with("field", "role"));
    }

    static Account account(OperatorRecord r) {
        return new Account(r.name(), r.passwordHash(), r.role().securityRoles(), r.mustChangePassword());
    }

    private interface Work {
        void run(Connection con) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection con = dataSource.getConnection()) {
            boolean auto = con.getAutoCommit();
            con.setAutoCommit(false);
            try {
                OperatorSql.lockTable(con);
                work.run(con);
                con.commit();
            } catch (RuntimeException | SQLException e) {
                con.rollback();
                throw e;
            } finally {
                con.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }
}
