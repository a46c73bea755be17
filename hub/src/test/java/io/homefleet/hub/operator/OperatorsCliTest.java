package io.homefleet.hub.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.Fleet;
import io.homefleet.service.web.PasswordHasher;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operators CLI against the hub's real database (the one this test's hub uses). */
@QuarkusTest
class OperatorsCliTest {
    @Inject
    OperatorAccounts operators;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private InputStream stdin;
    private PrintStream stdout;

    @BeforeEach
    void pointAtTheDatabase() {
        System.setProperty("quarkus.datasource.jdbc.url", url);
        System.setProperty("quarkus.datasource.username", user);
        System.setProperty("quarkus.datasource.password", password);
        System.setProperty("homefleet.web.bcrypt-cost", "4");
        stdin = System.in;
        stdout = System.out;
    }

    @AfterEach
    void restore() {
        System.setIn(stdin);
        System.setOut(stdout);
        // other tests start their own embedded database only when no datasource is configured
        for (String key : new String[] {"quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password", "homefleet.web.bcrypt-cost"}) {
            System.clearProperty(key);
        }
    }

    private int run(String input, String... args) {
        System.setIn(new ByteArrayInputStream((input + "\n").getBytes(StandardCharsets.UTF_8)));
        return OperatorsCli.run(args);
    }

    @Test
    void addPasswdListAndRemove() {
        String name = Fleet.uniqueId("cli");
        assertEquals(0, run("cli one-time pass", "add", name, "--role", "operator"));
        OperatorRecord added = operators.record(name).orElseThrow();
        assertEquals(OperatorRole.OPERATOR, added.role());
        assertTrue(added.mustChangePassword());
        assertTrue(PasswordHasher.verify("cli one-time pass", added.passwordHash()));
        assertEquals(1, run("cli one-time pass", "add", name, "--role", "operator"), "a second add is refused");
        assertEquals(2, run("", "add", name, "--role", "root"), "an unknown role is a usage error");
        assertEquals(2, run("short", "add", Fleet.uniqueId("cli"), "--role", "viewer"), "too short");

        assertEquals(0, run("a permanent password", "passwd", name, "--permanent"));
        assertFalse(operators.record(name).orElseThrow().mustChangePassword());
        assertTrue(PasswordHasher.verify("a permanent password", operators.record(name).orElseThrow().passwordHash()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, run("", "list"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(name), out.toString(StandardCharsets.UTF_8));

        assertEquals(0, run("", "remove", name));
        assertTrue(operators.record(name).isEmpty());
        assertEquals(1, run("", "remove", name));
    }
}
