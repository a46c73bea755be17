package io.homefleet.provisioning.pxe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.provisioning.pxe.DnsmasqStatus.State;
import io.homefleet.service.retry.Backoff;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The supervisor against the real dnsmasq, run inside a test-owned network namespace on one end of a veth pair (the
 * supervisor's dnsmasq command is prefixed with {@code ip netns exec}, which execs dnsmasq in place, so the pid
 * the supervisor holds is dnsmasq's own).
 */
class DnsmasqSupervisorTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static Netns net;
    static String ns;

    DnsmasqSupervisor supervisor;
    Path runDir;

    @BeforeAll
    static void network() {
        Netns.assumeAvailable("/usr/sbin/dnsmasq", "/usr/sbin/ip");
        net = new Netns();
        ns = net.namespace("sup");
        Netns.run("ip", "-n", ns, "link", "add", "pxe0", "type", "veth", "peer", "name", "pxe0peer");
        Netns.run("ip", "-n", ns, "link", "set", "pxe0peer", "up");
        Netns.run("ip", "-n", ns, "addr", "add", "10.77.0.1/24", "dev", "pxe0");
        Netns.run("ip", "-n", ns, "addr", "add", "10.78.0.1/24", "dev", "pxe0");
        Netns.run("ip", "-n", ns, "link", "set", "pxe0", "up");
    }

    @AfterAll
    static void removeNetwork() {
        if (net != null) {
            net.close();
        }
    }

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    PxeSettings settings(String nic, String subnet, TestInfo test) {
        runDir = Path.of("target", "pxe-supervisor", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        return new PxeSettings(true, nic, Ipv4Subnet.parse(subnet), URI.create("http://10.77.0.1:8090"),
                Optional.of(subnet.replace(".0/24", ".1")), Netns.inNamespace(ns, "/usr/sbin/dnsmasq"),
                Path.of("/usr/lib/ipxe"), runDir);
    }

    DnsmasqSupervisor supervise(PxeSettings settings) {
        supervisor = new DnsmasqSupervisor(settings, Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)),
                Duration.ofSeconds(30), new DnsmasqLog(200, Clock.systemUTC()), Clock.systemUTC()).start();
        return supervisor;
    }

    DnsmasqStatus awaitRunning(long otherThanPid) throws InterruptedException {
        Netns.await("dnsmasq running (now: " + supervisor.status() + ")", WAIT,
                () -> supervisor.status().state() == State.RUNNING && supervisor.status().pid() != otherThanPid);
        return supervisor.status();
    }

    boolean logSays(String text) {
        return supervisor.log().recent(200).stream().anyMatch(line -> line.text().contains(text));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void startsWithTheGeneratedConfigAndShowsItsLog(TestInfo test) throws Exception {
        supervise(settings("pxe0", "10.77.0.0/24", test));
        DnsmasqStatus running = awaitRunning(-1);

        assertTrue(alive(running.pid()));
        assertTrue(logSays("DHCP, proxy on subnet 10.77.0.0"), supervisor.log().recent(20).toString());
        assertTrue(logSays("TFTP root is /usr/lib/ipxe"), supervisor.log().recent(20).toString());
        assertEquals(Optional.of("http://10.77.0.1:8090/ipxe/${mac}"), running.bootUrl());
        String written = Files.readString(runDir.resolve("dnsmasq.conf"));
        assertEquals(running.config().orElseThrow(), written);
        assertTrue(written.contains("dhcp-boot=tag:ipxe,http://10.77.0.1:8090/ipxe/${mac},,10.77.0.1"), written);
        assertTrue(running.healthy());
    }

    @Test
    void aChildThatDiesIsStartedAgain(TestInfo test) throws Exception {
        supervise(settings("pxe0", "10.77.0.0/24", test));
        long first = awaitRunning(-1).pid();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        ProcessHandle.of(first).ifPresent(h -> h.onExit().join());
        Netns.await("the death noticed", WAIT, () -> supervisor.status().state() != State.RUNNING
                || supervisor.status().pid() != first);
        DnsmasqStatus again = awaitRunning(first);

        assertNotEquals(first, again.pid());
        assertTrue(alive(again.pid()));
        assertEquals(1, again.restarts());
        assertEquals(Optional.of(137), again.lastExitCode(), "SIGKILL shows as 128 + 9");
    }

    @Test
    void restartsWhenTheSettingsChangeAndOnlyThen(TestInfo test) throws Exception {
        PxeSettings first = settings("pxe0", "10.77.0.0/24", test);
        supervise(first);
        long pid = awaitRunning(-1).pid();

        supervisor.apply(settings("pxe0", "10.77.0.0/24", test)); // equal settings, a new object
        Thread.sleep(3 * DnsmasqSupervisor.POLL.toMillis());
        assertEquals(pid, supervisor.status().pid());
        assertEquals(State.RUNNING, supervisor.status().state());

        supervisor.apply(settings("pxe0", "10.78.0.0/24", test));
        DnsmasqStatus changed = awaitRunning(pid);

        assertFalse(alive(pid), "the old dnsmasq is stopped before the new one starts");
        assertTrue(logSays("DHCP, proxy on subnet 10.78.0.0"), supervisor.log().recent(20).toString());
        assertTrue(changed.config().orElseThrow().contains("dhcp-range=10.78.0.0,proxy,255.255.255.0"));
        assertEquals(0, changed.restarts(), "a change is not a restart after a failure");
    }

    @Test
    void aChildThatCannotStartIsReportedAndRetriedUntilTheSettingsAreFixed(TestInfo test) throws Exception {
        supervise(settings("nope0", "10.77.0.0/24", test));

        Netns.await("dnsmasq's refusal reported", WAIT, () -> supervisor.status().state() == State.RESTARTING
                && supervisor.status().lastExitCode().isPresent());
        DnsmasqStatus failing = supervisor.status();
        assertFalse(failing.healthy());
        assertTrue(failing.detail().contains("unknown interface nope0"), failing.detail());
        assertTrue(failing.detail().contains("starting it again in"), failing.detail());

        supervisor.apply(settings("pxe0", "10.77.0.0/24", test));
        assertTrue(alive(awaitRunning(-1).pid()));
    }

    @Test
    void disablingStopsTheChild(TestInfo test) throws Exception {
        PxeSettings enabled = settings("pxe0", "10.77.0.0/24", test);
        supervise(enabled);
        long pid = awaitRunning(-1).pid();

        supervisor.apply(PxeSettings.disabled(enabled.dnsmasqCommand(), enabled.tftpRoot(), enabled.runDirectory()));
        Netns.await("disabled", WAIT, () -> supervisor.status().state() == State.DISABLED);

        assertFalse(alive(pid));
        assertTrue(supervisor.status().healthy());
    }

    @Test
    void aDnsmasqLeftByAnEarlierRunIsStoppedFirst(TestInfo test) throws Exception {
        PxeSettings settings = settings("pxe0", "10.77.0.0/24", test);
        Files.createDirectories(runDir);
        Files.writeString(settings.configFile(), DnsmasqConfig.render(settings, "10.77.0.1"));
        // Without --keep-in-foreground dnsmasq daemonizes like a child whose parent was killed: nobody waits for it.
        // Its output goes to a file: a daemon keeps inherited pipes open.
        Process daemonizing = new ProcessBuilder(Netns.inNamespace(ns, "/usr/sbin/dnsmasq",
                "--conf-file=" + settings.configFile())).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("leftover.out").toFile()).start();
        assertEquals(0, daemonizing.waitFor());
        long leftover = Long.parseLong(Files.readString(settings.pidFile()).strip());
        assertTrue(alive(leftover));

        supervise(settings);
        DnsmasqStatus running = awaitRunning(-1);

        Netns.await("the leftover gone", WAIT, () -> !alive(leftover));
        assertNotEquals(leftover, running.pid());
    }

    @Test
    void closingStopsTheChild(TestInfo test) throws Exception {
        supervise(settings("pxe0", "10.77.0.0/24", test));
        long pid = awaitRunning(-1).pid();

        supervisor.close();

        assertFalse(alive(pid));
        assertEquals(State.STOPPED, supervisor.status().state());
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(1, TimeUnit.SECONDS));
    }
}
