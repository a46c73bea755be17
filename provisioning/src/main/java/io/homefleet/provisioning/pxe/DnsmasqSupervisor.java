package io.homefleet.provisioning.pxe;

import io.homefleet.common.file.AtomicFiles;
import io.homefleet.common.process.ProcessRunner;
import io.homefleet.provisioning.pxe.DnsmasqStatus.State;
import io.homefleet.service.retry.Backoff;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Runs dnsmasq as a child process and keeps it matching the settings it was last given:
 * <ul>
 *   <li>{@link #apply(PxeSettings)} with different settings rewrites the config and restarts the child at once;
 *       the same settings again change nothing.</li>
 *   <li>A child that dies, or cannot start (config refused by {@code dnsmasq --test}, interface missing, port
 *       taken), is started again after an exponential backoff; the backoff starts over once a child stayed up for
 *       {@code stableAfter}.</li>
 *   <li>Its output (dnsmasq logs to stderr) is kept in a {@link DnsmasqLog} and logged under this class's
 *       category; {@link #status()} says what runs and why not.</li>
 *   <li>A dnsmasq left running by an earlier process of this service (killed before it could stop its child) is
 *       found by its pid file and stopped before a new one starts, so two never answer together.</li>
 * </ul>
 * One watcher thread does all starting and stopping, so a change and a death never race each other.
 */
public final class DnsmasqSupervisor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DnsmasqSupervisor.class);
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final Duration CONFIG_TEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern DHCP_DETAIL = Pattern.compile(
            "\\d+ (sent size|available DHCP|vendor class|user class|tags:|broadcast response|next server)");

    private final Backoff backoff;
    private final Duration stableAfter;
    private final DnsmasqLog log;
    private final Clock clock;
    private final Function<PxeSettings, String> serverAddress;
    private final List<Consumer<DnsmasqStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Thread watcher;

    // Guarded by lock.
    private PxeSettings desired;
    private boolean closed;
    // Owned by the watcher thread.
    private volatile Process child;
    private PxeSettings childSettings;
    private Instant childStarted;
    private int restarts;
    private Instant retryAt;

    private volatile DnsmasqStatus status;

    public DnsmasqSupervisor(PxeSettings initial, Backoff backoff, Duration stableAfter, DnsmasqLog log, Clock clock) {
        this(initial, backoff, stableAfter, log, clock, ServerAddresses::resolve);
    }

    DnsmasqSupervisor(PxeSettings initial, Backoff backoff, Duration stableAfter, DnsmasqLog log, Clock clock,
            Function<PxeSettings, String> serverAddress) {
        this.desired = Objects.requireNonNull(initial);
        this.backoff = backoff;
        this.stableAfter = stableAfter;
        this.log = log;
        this.clock = clock;
        this.serverAddress = serverAddress;
        this.status = new DnsmasqStatus(initial.enabled() ? State.STARTING : State.DISABLED, -1,
                initial.enabled() ? "dnsmasq is about to start" : "PXE is disabled (pxe.enabled: false)",
                clock.instant(), 0, Optional.empty(), Optional.empty(), Optional.empty());
        this.watcher = new Thread(this::watch, "dnsmasq-supervisor");
        this.watcher.setDaemon(true);
    }

    /** Starts watching: the child is started (if enabled) by the watcher thread. */
    public DnsmasqSupervisor start() {
        watcher.start();
        return this;
    }

    /** The settings to run with from now on; the child is restarted only if they differ from the current ones. */
    public void apply(PxeSettings settings) {
        Objects.requireNonNull(settings);
        synchronized (lock) {
            if (!settings.equals(desired)) {
                desired = settings;
                retryAt = null; // new settings deserve an immediate attempt, whatever failed before
                backoff.reset();
                lock.notifyAll();
            }
        }
    }

    public PxeSettings settings() {
        synchronized (lock) {
            return desired;
        }
    }

    public DnsmasqStatus status() {
        return status;
    }

    public DnsmasqLog log() {
        return log;
    }

    /** Called (on the watcher thread) with each new status; keep it quick. */
    public void onStatus(Consumer<DnsmasqStatus> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            watcher.join(STOP_GRACE.plusSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (watcher.isAlive()) {
            watcher.interrupt();
        }
        if (!watcher.isAlive() || Thread.currentThread() == watcher) {
            return;
        }
        Process p = child;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private void watch() {
        try {
            while (true) {
                PxeSettings want;
                synchronized (lock) {
                    if (closed) {
                        break;
                    }
                    want = desired;
                }
                step(want);
                synchronized (lock) {
                    if (!closed && want.equals(desired)) {
                        lock.wait(POLL.toMillis());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The dnsmasq supervisor stopped unexpectedly");
        } finally {
            stopChild("the service is stopping");
            publish(State.STOPPED, -1, "dnsmasq stopped: the service is stopping", Optional.empty(), null);
        }
    }

    /** One look at the child: stop, start or restart it as {@code want} and its liveness require. */
    private void step(PxeSettings want) {
        if (!want.enabled()) {
            if (child != null || status.state() != State.DISABLED) {
                stopChild("PXE was disabled");
                publish(State.DISABLED, -1, "PXE is disabled (pxe.enabled: false)", Optional.empty(), null);
            }
            return;
        }
        if (child != null && !want.equals(childSettings)) {
            stopChild("its settings changed");
        }
        if (child != null && !child.isAlive()) {
            int exit = child.exitValue();
            DnsmasqLog.Line last = log.last();
            child = null;
            Duration wait = backoff.nextDelay();
            retryAt = clock.instant().plus(wait);
            String why = "dnsmasq exited with status " + exit + (last == null ? "" : " (last line: " + last.text()
                    + ")") + "; starting it again in " + wait.toMillis() + " ms";
            LOG.warn(why);
            publish(State.RESTARTING, -1, why, Optional.of(exit), null);
            return;
        }
        if (child != null) {
            if (childStarted != null && backoff.failures() > 0
                    && Duration.between(childStarted, clock.instant()).compareTo(stableAfter) >= 0) {
                backoff.reset();
            }
            return;
        }
        if (retryAt != null && clock.instant().isBefore(retryAt)) {
            return;
        }
        boolean restart = status.state() == State.RESTARTING;
        try {
            startChild(want);
            if (restart) {
                restarts++;
            }
            retryAt = null;
        } catch (RuntimeException | IOException e) {
            Duration wait = backoff.nextDelay();
            retryAt = clock.instant().plus(wait);
            String why = "dnsmasq cannot start: " + e.getMessage() + "; next attempt in " + wait.toMillis() + " ms";
            LOG.warn(why);
            publish(State.RESTARTING, -1, why, status.lastExitCode(), null);
        }
    }

    private void startChild(PxeSettings want) throws IOException {
        String address = serverAddress.apply(want);
        String config = DnsmasqConfig.render(want, address);
        Files.createDirectories(want.runDirectory());
        stopLeftover(want);
        AtomicFiles.write(want.configFile(), config.getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
        checkConfig(want);
        List<String> command = new ArrayList<>(want.dnsmasqCommand());
        command.add("--keep-in-foreground");
        command.add("--conf-file=" + want.configFile());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        child = process;
        childSettings = want;
        childStarted = clock.instant();
        LOG.infof("Started dnsmasq (pid %d) on %s for %s, sending iPXE to %s", process.pid(), want.interfaceName(),
                want.subnet(), want.bootUrl());
        publish(State.STARTING, process.pid(), "dnsmasq (pid " + process.pid() + ") is starting on "
                + want.interfaceName(), status.lastExitCode(), config);
        Thread reader = new Thread(() -> readOutput(process, want, config), "dnsmasq-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code dnsmasq --test}: a config dnsmasq would refuse is reported with dnsmasq's own words. */
    private void checkConfig(PxeSettings want) {
        List<String> command = new ArrayList<>(want.dnsmasqCommand());
        command.add("--test");
        command.add("--conf-file=" + want.configFile());
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.run(command, CONFIG_TEST_TIMEOUT);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (!result.ok()) {
            String said = (result.stderr() + result.stdout()).strip();
            throw new IllegalStateException("dnsmasq refuses its config " + want.configFile() + ": " + said);
        }
    }

    private void readOutput(Process process, PxeSettings want, String config) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.add(line);
                // --log-dhcp details every packet; the service log keeps the decisions, the dashboard all of it.
                if (DHCP_DETAIL.matcher(line).find()) {
                    LOG.debugf("dnsmasq: %s", line);
                } else {
                    LOG.infof("dnsmasq: %s", line);
                }
                if (line.contains("started, version") && child == process && process.isAlive()) {
                    publish(State.RUNNING, process.pid(), "dnsmasq (pid " + process.pid() + ") answers PXE clients "
                            + "on " + want.interfaceName() + " for " + want.subnet() + " in proxy-DHCP mode",
                            status.lastExitCode(), config);
                }
            }
        } catch (IOException e) {
            // the child was killed and its pipe closed: the watcher reports the exit
        }
    }

    private void stopChild(String why) {
        Process p = child;
        child = null;
        childSettings = null;
        if (p == null) {
            return;
        }
        LOG.infof("Stopping dnsmasq (pid %d): %s", p.pid(), why);
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a dnsmasq an earlier process of this service left behind (same pid file, same config file). */
    private void stopLeftover(PxeSettings want) {
        Path pidFile = want.pidFile();
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(handle -> {
            String commandLine = handle.info().commandLine().orElse("");
            if (commandLine.contains("dnsmasq") && commandLine.contains("--conf-file=" + want.configFile())) {
                LOG.warnf("Stopping dnsmasq pid %d left running by an earlier start of this service", pid);
                handle.destroy();
                try {
                    handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            }
        });
    }

    private synchronized void publish(State state, long pid, String detail, Optional<Integer> lastExit, String config) {
        PxeSettings settings = settings();
        DnsmasqStatus next = new DnsmasqStatus(state, pid, detail,
                state == status.state() && pid == status.pid() ? status.since() : clock.instant(), restarts,
                lastExit, settings.enabled() ? Optional.of(settings.bootUrl()) : Optional.empty(),
                Optional.ofNullable(config));
        status = next;
        for (Consumer<DnsmasqStatus> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.debugf(e, "A dnsmasq status listener failed");
            }
        }
    }
}
