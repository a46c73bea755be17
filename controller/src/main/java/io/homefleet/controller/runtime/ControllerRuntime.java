package io.homefleet.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.CustomerPreferences;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.EventType;
import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.common.contract.v1.Severity;
import io.homefleet.common.json.Json;
import io.homefleet.service.version.ServiceVersion;
import io.homefleet.controller.bootstrap.BootstrapSeeder;
import io.homefleet.controller.config.ConfigInstaller;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.config.ControllerConfigLoader;
import io.homefleet.controller.config.ControllerPaths;
import io.homefleet.controller.containers.DockerContainers;
import io.homefleet.controller.hub.DesiredStatePull;
import io.homefleet.controller.hub.ReportBuilder;
import io.homefleet.controller.hub.Spool;
import io.homefleet.controller.status.ControllerSetup;
import io.homefleet.controller.status.ControllerState;
import io.homefleet.controller.system.ProcSystemStats;
import io.homefleet.service.config.InvalidConfigException;
import io.homefleet.service.retry.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The controller's core, started with the service: seeds controller.yaml from the bootstrap (or stays in setup mode),
 * then runs the hub link (spool, reports, events, desired state) and the agent link. It is what the pages and the JSON
 * API read ({@link ControllerState}) and what setup mode's last step calls ({@link ControllerSetup}). A new config
 * (setup, desired state) takes effect without a restart, except {@code web.listen}.
 */
@Singleton
public class ControllerRuntime implements ControllerState, ControllerSetup {
    private static final Logger LOG = Logger.getLogger(ControllerRuntime.class);

    @Inject
    ControllerPaths paths;

    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<ControllerConfig> config = new AtomicReference<>();
    private final io.homefleet.controller.agent.AgentLink agent = new io.homefleet.controller.agent.AgentLink(clock);
    private final ProcSystemStats system = ProcSystemStats.ofThisMachine();
    private volatile boolean configured;
    private volatile String setupProblem;
    private volatile DockerContainers docker;
    private volatile io.homefleet.controller.hub.HubLink hub;
    private volatile Thread agentLoop;
    private volatile boolean stopping;
    private ConfigInstaller installer;

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Seeds, loads, and starts the links when configured. */
    public synchronized void start() {
        Path file = paths.configFile();
        installer = new ConfigInstaller(file);
        BootstrapSeeder.Outcome seeded = BootstrapSeeder.seed(paths.bootstrapFile(), file);
        switch (seeded.kind()) {
            case SEEDED -> LOG.info(seeded.message());
            case REFUSED -> {
                LOG.error(seeded.message());
                setupProblem = seeded.message();
            }
            default -> LOG.debug(seeded.message());
        }
        if (Files.exists(file)) {
            ControllerConfig loaded = ControllerConfigLoader.load(file);
            apply(loaded);
            LOG.infof("homefleet-controller %s starting (customer: %s, domain: %s; config %s)", ServiceVersion.of("controller"),
                    loaded.customer().id(), loaded.customer().domain(), file);
        } else {
            config.set(ControllerConfigLoader.setupDefaults(file));
            LOG.infof("homefleet-controller %s in setup mode: neither %s nor %s exists; the web page asks for the hub "
                    + "URL, the customer id and the retrieval password", ServiceVersion.of("controller"), file,
                    paths.bootstrapFile());
        }
    }

    /** Makes {@code next} the live config and starts or reconfigures the links. */
    private synchronized void apply(ControllerConfig next) {
        ControllerConfig previous = config.getAndSet(next);
        configured = next.configured();
        agent.configure(next.localApi());
        if (docker == null || previous == null || !Objects.equals(previous.docker(), next.docker())) {
            closeQuietly(docker);
            docker = new DockerContainers(next.docker().socket());
        }
        if (!configured) {
            return;
        }
        if (hub == null) {
            Spool spool = new Spool(next.spoolDir(), next.spool().maxItems());
            DesiredStatePull desired = new DesiredStatePull(config::get, next.stateDir().resolve("desired-state.json"),
                    this::applyDesiredState);
            ReportBuilder reports = new ReportBuilder(clock, system, agent, () -> docker, spool::dropSummary,
                    desired::appliedRevisionNumber);
            hub = new io.homefleet.controller.hub.HubLink(config::get, spool, reports, desired, clock,
                    Backoff.exponential(Duration.ofSeconds(5), Duration.ofMinutes(5)));
            startAgentLoop();
            agent.check();
            hub.start();
            event(EventType.CONTROLLER_STARTED, Severity.INFO, "controller " + ServiceVersion.of("controller") + " started",
                    null);
        } else {
            hub.spool().maxItems(next.spool().maxItems());
            hub.wakeUp();
        }
    }

    private void startAgentLoop() {
        Thread loop = new Thread(() -> {
            while (!stopping) {
                try {
                    Thread.sleep(config.get().intervals().agentCheck().toMillis());
                    agent.check();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.errorf(e, "local-api check: %s", e.getMessage());
                }
            }
        }, "agent-link");
        loop.setDaemon(true);
        loop.start();
        agentLoop = loop;
    }

    private void applyDesiredState(String revision, ObjectNode wanted) throws Exception {
        ControllerConfig before = config.get();
        ControllerConfig after;
        try {
            after = installer.merge(wanted);
        } catch (InvalidConfigException e) {
            ObjectNode details = Json.mapper().createObjectNode().put("revision", revision);
            details.putPOJO("problems", e.problems());
            event(EventType.CONFIG_FAILED, Severity.ERROR, "desired config revision " + revision
                    + " not applied: " + String.join("; ", e.problems()), details);
            throw e;
        }
        apply(after);
        ObjectNode details = Json.mapper().createObjectNode().put("revision", revision);
        boolean restart = !Objects.equals(before.web().listen(), after.web().listen());
        details.put("restart_required", restart);
        event(EventType.CONFIG_APPLIED, Severity.INFO, "desired config revision " + revision + " applied"
                + (restart ? "; web.listen takes effect at the next restart" : ""), details);
        LOG.infof("desired state: revision %s applied%s", revision, restart ? " (web.listen at the next restart)" : "");
    }

    /** Spools an event for the hub; logged, never thrown, when the controller is not configured or the disk fails. */
    public void event(EventType type, Severity severity, String message, ObjectNode details) {
        io.homefleet.controller.hub.HubLink h = hub;
        if (h == null) {
            LOG.debugf("event %s not sent (setup mode): %s", type.wireName(), message);
            return;
        }
        try {
            h.event(type, severity, message, details);
        } catch (IOException e) {
            LOG.errorf("spool: cannot write the %s event: %s", type.wireName(), e.getMessage());
        }
    }

    @Override
    public void install(String controllerYaml) {
        ControllerConfig installed;
        synchronized (this) {
            installed = installer.installYaml(controllerYaml);
            setupProblem = null;
            LOG.infof("setup: controller.yaml for customer %s written to %s; coming up configured",
                    installed.customer().id(), paths.configFile());
        }
        apply(installed);
    }

    /**
     * The customer changed its preferences on the Settings page: they take effect at once (controller.yaml's
     * {@code notifications}, checked and written 0600 like any install), then go to the hub through the spool, which
     * stores them as a revision of the customer's config so the next desired state carries them back unchanged.
     *
     * @throws IllegalStateException in setup mode
     */
    public CustomerPreferences changePreferences(ControllerConfig.Preferences wanted) throws IOException {
        io.homefleet.controller.hub.HubLink h = hub;
        ControllerConfig now = config.get();
        if (h == null || !configured) {
            throw new IllegalStateException("not configured yet: preferences are kept with the hub's config");
        }
        ControllerConfig after;
        synchronized (this) {
            after = installer.update(tree -> {
                ObjectNode notifications = tree.get("notifications") instanceof ObjectNode n ? n
                        : tree.putObject("notifications");
                notifications.put(ControllerConfig.Preferences.LANGUAGE, wanted.language());
                if (wanted.email() == null || wanted.email().isBlank()) {
                    notifications.remove(ControllerConfig.Preferences.EMAIL);
                } else {
                    notifications.put(ControllerConfig.Preferences.EMAIL, wanted.email().strip());
                }
                notifications.put(ControllerConfig.Preferences.BACKUP_FAILED, wanted.backupFailed());
                notifications.put(ControllerConfig.Preferences.APP_DOWN, wanted.appDown());
                notifications.put(ControllerConfig.Preferences.LOW_DISK, wanted.lowDisk());
            });
        }
        apply(after);
        ControllerConfig.Preferences stored = after.preferences();
        CustomerPreferences sent = new CustomerPreferences(now.customer().id(), stored.language(),
                new CustomerPreferences.Notifications(stored.email(), stored.backupFailed(), stored.appDown(),
                        stored.lowDisk()), clock.instant());
        h.preferences(sent);
        LOG.infof("preferences changed on the Settings page (language %s); spooled for the hub", stored.language());
        return sent;
    }

    public synchronized void stop() {
        stopping = true;
        if (agentLoop != null) {
            agentLoop.interrupt();
        }
        if (hub != null) {
            hub.close();
        }
        closeQuietly(docker);
    }

    private static void closeQuietly(DockerContainers d) {
        if (d != null) {
            try {
                d.close();
            } catch (IOException ignored) {
                // closing a socket client
            }
        }
    }

    /** The live config: in setup mode, the defaults and the environment. */
    public ControllerConfig config() {
        return config.get();
    }

    public Path configFile() {
        return paths.configFile();
    }

    public io.homefleet.controller.agent.AgentLink agent() {
        return agent;
    }

    /** The hub link; empty in setup mode. */
    public Optional<io.homefleet.controller.hub.HubLink> hub() {
        return Optional.ofNullable(hub);
    }

    /** Why the bootstrap was refused, when it was (shown in setup mode). */
    public Optional<String> setupProblem() {
        return Optional.ofNullable(setupProblem);
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public Optional<Identity> identity() {
        ControllerConfig c = config.get();
        if (!configured || c == null || c.customer() == null) {
            return Optional.empty();
        }
        return Optional.of(new Identity(c.customer().id(), c.customer().name(), c.customer().domain()));
    }

    @Override
    public HubLink hubLink() {
        ControllerConfig c = config.get();
        io.homefleet.controller.hub.HubLink h = hub;
        String url = c == null || c.hub() == null ? null : c.hub().url();
        if (h == null) {
            return new HubLink(url, null, 0, setupProblem);
        }
        return new HubLink(url, h.lastSuccessfulReport(), h.spool().depth(), h.lastHubError());
    }

    @Override
    public AgentLink agentLink() {
        return agent.state();
    }

    @Override
    public Optional<ControllerReport> latestReport() {
        io.homefleet.controller.hub.HubLink h = hub;
        return h == null ? Optional.empty() : Optional.ofNullable(h.latestReport());
    }

    @Override
    public Optional<HostMetrics> hostMetrics() {
        return agent.hostMetrics();
    }

    @Override
    public Optional<DiskInventory> disks() {
        return agent.disks();
    }

    @Override
    public Optional<HostStorage> preferredStorage() {
        return storages().stream().filter(s -> s.path() != null)
                .max(Comparator.comparingLong(s -> s.avail() == null ? -1 : s.avail()));
    }

    @Override
    public List<HostStorage> storages() {
        return agent.storages().orElse(List.of());
    }
}
