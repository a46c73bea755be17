package io.homefleet.provisioning.pxe;

import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.config.ProvisioningFile;
import io.homefleet.provisioning.config.ProvisioningSettings;
import io.homefleet.service.retry.Backoff;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * PXE as configured: builds {@link PxeSettings} from provisioning.yaml ({@code pxe.*}, {@code server.public_url}) and
 * {@link PxeConfig}, runs the {@link DnsmasqSupervisor} from start to stop, and hands it every reloaded
 * configuration (dnsmasq restarts only when its settings changed). A {@code pxe} section that cannot be used stops
 * the service at start; on a reload it leaves dnsmasq running as it was and {@link #settingsProblem()} says why.
 */
@Startup
@ApplicationScoped
public class PxeService {
    private static final Logger LOG = Logger.getLogger(PxeService.class);

    @Inject
    ProvisioningConfig config;

    @Inject
    ProvisioningSettings service;

    @Inject
    PxeConfig pxe;

    private DnsmasqSupervisor supervisor;
    private volatile String settingsProblem;

    @PostConstruct
    void start() {
        PxeSettings first = settingsFrom(config.current().file());
        supervisor = new DnsmasqSupervisor(first, Backoff.exponential(pxe.restartInitial(), pxe.restartMax()),
                pxe.stableAfter(), new DnsmasqLog(pxe.logLines(), Clock.systemUTC()), Clock.systemUTC()).start();
        config.onChange(snapshot -> reconfigure(snapshot.file()));
        if (!first.enabled()) {
            LOG.info("PXE is disabled (pxe.enabled: false in provisioning.yaml): dnsmasq is not started");
        }
    }

    @PreDestroy
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    void reconfigure(ProvisioningFile file) {
        try {
            supervisor.apply(settingsFrom(file));
            settingsProblem = null;
        } catch (IllegalArgumentException | NullPointerException e) {
            settingsProblem = "the pxe section of the reloaded provisioning.yaml cannot be used: " + e.getMessage()
                    + "; dnsmasq keeps running with the settings before";
            LOG.warn(settingsProblem);
        }
    }

    PxeSettings settingsFrom(ProvisioningFile file) {
        Path runDirectory = pxe.runDirectory().orElse(Path.of(service.dataDir()).resolve("dnsmasq")).toAbsolutePath();
        ProvisioningFile.Pxe section = file.pxe();
        if (!section.enabled()) {
            return PxeSettings.disabled(pxe.dnsmasqCommand(), pxe.tftpRoot(), runDirectory);
        }
        if (section.subnet() == null) {
            throw new IllegalArgumentException("pxe.subnet is required when pxe.enabled is true (the LAN in CIDR "
                    + "notation, e.g. 192.168.1.0/24)");
        }
        return new PxeSettings(true, section.networkInterface(), Ipv4Subnet.parse(section.subnet()),
                URI.create(file.server().publicUrl()), pxe.serverAddress(), pxe.dnsmasqCommand(), pxe.tftpRoot(),
                runDirectory);
    }

    public DnsmasqStatus status() {
        return supervisor.status();
    }

    public PxeSettings settings() {
        return supervisor.settings();
    }

    public List<DnsmasqLog.Line> recentLog(int max) {
        return supervisor.log().recent(max);
    }

    /** Set while a reloaded {@code pxe} section could not be used (the settings before stay in use). */
    public Optional<String> settingsProblem() {
        return Optional.ofNullable(settingsProblem);
    }

    /** Called with every new dnsmasq status (for the dashboard's live view). */
    public void onStatus(java.util.function.Consumer<DnsmasqStatus> listener) {
        supervisor.onStatus(listener);
    }
}
