package io.homefleet.agent;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.guest.GuestService;
import io.homefleet.service.version.ServiceVersion;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.jboss.logging.Logger;

/** What the daemon does once it serves: say which certificate controllers must pin, resume interrupted work. */
@Singleton
public class DaemonStartup {
    private static final Logger LOG = Logger.getLogger(DaemonStartup.class);

    @Inject
    AgentConfig config;
    @Inject
    io.homefleet.agent.config.AgentConfigLocation location;
    @Inject
    GuestService guests;

    void onStart(@Observes StartupEvent event) throws IOException {
        // The config path is logged because an agent started with another file than the default is a known trap.
        LOG.infof("homefleet-agent %s for host %s (config %s); local API %s, certificate SHA-256 fingerprint %s",
                ServiceVersion.of("agent"), config.hub().hostId(), location.configFile(), config.localApi().listenAddr(),
                config.localApiCertificate().fingerprint());
        guests.resumeInterrupted();
    }
}
