package io.homefleet.hub.operator;

import io.homefleet.service.db.EmbeddedPostgresLauncher;
import io.homefleet.service.db.EmbeddedPostgresSettings;
import io.homefleet.service.web.PasswordChange;
import io.homefleet.service.web.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar hub.jar operators add|passwd|remove|list}: dashboard operators from a shell, e.g. to get back in
 * when every admin's password is lost. Works on the hub's database directly: the configured one
 * ({@code QUARKUS_DATASOURCE_JDBC_URL}, {@code _USERNAME}, {@code _PASSWORD}), else the embedded one in the data
 * directory (start it only while the hub is stopped). Passwords are read from the terminal (or one line of stdin),
 * never from the command line.
 */
@Command(name = "operators", mixinStandardHelpOptions = true,
        description = "Manage the hub dashboard's operators.",
        subcommands = {OperatorsCli.Add.class, OperatorsCli.Passwd.class, OperatorsCli.Remove.class,
                OperatorsCli.ListCommand.class})
public final class OperatorsCli {

    /** Runs the command; the exit code for the process. */
    public static int run(String... args) {
        return new CommandLine(new OperatorsCli()).execute(args);
    }

    @Command(name = "add", description = "Add an operator with a one-time password they change at first sign-in.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", description = "name: lower-case letters, digits, '.', '_', '-'")
        String name;

        @Option(names = "--role", required = true, description = "viewer, operator or admin")
        String role;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            OperatorRole checked = OperatorRole.parse(role).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--role must be viewer, operator or admin"));
            if (!name.matches(OperatorSql.NAME_PATTERN)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "an operator name is 1 to 63 lower-case "
                        + "letters, digits, '.', '_' or '-'");
            }
            String password = readPassword(spec, "One-time password for " + name + ": ");
            try (Connection con = connect()) {
                if (!OperatorSql.insert(con, name, PasswordHasher.hash(password, cost()), checked, true)) {
                    spec.commandLine().getErr().println("an operator named '" + name + "' exists already");
                    return 1;
                }
            }
            spec.commandLine().getOut().println("added " + name + " (" + checked.label()
                    + "); they choose their own password at first sign-in");
            return 0;
        }
    }

    @Command(name = "passwd", description = "Set an operator's password (they must change it at next sign-in "
            + "unless --permanent).")
    static final class Passwd implements Callable<Integer> {
        @Parameters(index = "0")
        String name;

        @Option(names = "--permanent", description = "do not ask for a change at next sign-in")
        boolean permanent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String password = readPassword(spec, "New password for " + name + ": ");
            try (Connection con = connect()) {
                if (!OperatorSql.setPassword(con, name, PasswordHasher.hash(password, cost()), !permanent)) {
                    spec.commandLine().getErr().println("no operator '" + name + "'");
                    return 1;
                }
            }
            spec.commandLine().getOut().println("password of " + name + " set; their sessions have ended");
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove an operator (never the last admin).")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Connection con = connect()) {
                con.setAutoCommit(false);
                OperatorSql.lockTable(con);
                if (OperatorSql.find(con, name).isEmpty()) {
                    spec.commandLine().getErr().println("no operator '" + name + "'");
                    return 1;
                }
                if (!OperatorSql.delete(con, name)) {
                    spec.commandLine().getErr().println("'" + name + "' is the last admin; add another admin first");
                    return 1;
                }
                con.commit();
            }
            spec.commandLine().getOut().println("removed " + name);
            return 0;
        }
    }

    @Command(name = "list", description = "List operators with their roles.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Connection con = connect()) {
                for (OperatorRecord r : OperatorSql.list(con)) {
                    out.printf("%-24s %-9s %s%n", r.name(), r.role().label(),
                            r.mustChangePassword() ? "must change password" : "");
                }
            }
            return 0;
        }
    }

    static String readPassword(CommandLine.Model.CommandSpec spec, String prompt) throws Exception {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] first = console.readPassword("%s", prompt);
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !new String(first).equals(new String(again))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the passwords differ");
            }
            password = new String(first);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        String problem = PasswordChange.problemWithNew(password);
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
        return password;
    }

    /** The hub's database, migrated to this jar's schema. */
    static Connection connect() throws Exception {
        UnaryOperator<String> config = EmbeddedPostgresSettings.systemLookup();
        String dataDir = config.apply("homefleet.hub.data-dir");
        try {
            EmbeddedPostgresLauncher.startUnlessDatasourceConfigured(
                    Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir).resolve("pgdata"));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded database (is the hub running on this data "
                    + "directory? stop it, or use the dashboard's Operators page): " + e.getMessage(), e);
        }
        config = EmbeddedPostgresSettings.systemLookup();
        String url = config.apply("quarkus.datasource.jdbc.url");
        String user = config.apply("quarkus.datasource.username");
        String password = config.apply("quarkus.datasource.password");
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    static int cost() {
        String cost = EmbeddedPostgresSettings.systemLookup().apply("homefleet.web.bcrypt-cost");
        return cost == null || cost.isBlank() ? 12 : Integer.parseInt(cost.trim());
    }
}
