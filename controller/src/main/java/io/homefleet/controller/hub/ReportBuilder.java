package io.homefleet.controller.hub;

import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.HealthStatus;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.service.version.ServiceVersion;
import io.homefleet.controller.agent.AgentLink;
import io.homefleet.controller.config.ConfigInstaller;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.containers.DockerContainers;
import io.homefleet.controller.system.ProcSystemStats;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Assembles a {@link ControllerReport}: the guest's own figures from /proc, storage from the agent (the seed's 3.2:
 * inside a de-privileged guest there is nothing to discover locally), containers from the Docker API, and a health
 * verdict whose reasons say what is wrong in words.
 */
public final class ReportBuilder {
    private final Clock clock;
    private final ProcSystemStats system;
    private final AgentLink agent;
    private final Supplier<DockerContainers> docker;
    private final Supplier<String> spoolDrops;
    private final Supplier<Long> appliedRevision;

    public ReportBuilder(Clock clock, ProcSystemStats system, AgentLink agent, Supplier<DockerContainers> docker,
                         Supplier<String> spoolDrops, Supplier<Long> appliedRevision) {
        this.clock = clock;
        this.system = system;
        this.agent = agent;
        this.docker = docker;
        this.spoolDrops = spoolDrops;
        this.appliedRevision = appliedRevision;
    }

    public ControllerReport build(ControllerConfig config) {
        List<String> warnings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<ControllerReport.ContainerEntry> containers = null;
        DockerContainers d = docker.get();
        if (d != null) {
            try {
                containers = d.list();
                for (ControllerReport.ContainerEntry c : containers) {
                    if ("unhealthy".equals(c.health())) {
                        failures.add("container " + c.name() + " is unhealthy");
                    } else if (c.state() != null && (c.state().equals("exited") || c.state().equals("dead"))) {
                        warnings.add("container " + c.name() + " is " + c.state());
                    }
                }
            } catch (IOException e) {
                warnings.add("containers unknown: " + e.getMessage());
            }
        }
        String agentState = agent.state().state();
        if (!"ok".equals(agentState) && !"unconfigured".equals(agentState) && !"checking".equals(agentState)) {
            warnings.add("local API: " + agent.state().message());
        }
        String drops = spoolDrops.get();
        if (drops != null) {
            warnings.add(drops);
        }
        HealthStatus status = !failures.isEmpty() ? HealthStatus.FAIL : !warnings.isEmpty() ? HealthStatus.WARN
                : HealthStatus.OK;
        List<String> reasons = new ArrayList<>(failures);
        reasons.addAll(warnings);
        reasons = reasons.stream().limit(64).map(r -> r.length() > 1024 ? r.substring(0, 1023) + "…" : r).toList();
        return new ControllerReport(UUID.randomUUID(), config.customer().id(), ServiceVersion.of("controller"), clock.instant(),
                new ControllerReport.Health(status, reasons.isEmpty() ? null : reasons),
                config.monitoringOn(), system.read(), storage(), containers, null, config.controllerUrl(),
                appliedRevision.get(), ConfigInstaller.reportedValues(config), null);
    }

    private List<ControllerReport.StorageEntry> storage() {
        List<HostStorage> storages = agent.storages().orElse(null);
        if (storages == null) {
            return null;
        }
        return storages.stream()
                .filter(s -> s.path() != null || s.name() != null)
                .limit(256)
                .map(s -> new ControllerReport.StorageEntry(s.path() != null ? s.path() : s.name(), s.total(), s.used(), null))
                .toList();
    }
}
