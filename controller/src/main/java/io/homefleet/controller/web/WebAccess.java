package io.homefleet.controller.web;

import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.runtime.ControllerRuntime;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Who may reach the pages: the host names served (controller.yaml {@code web.host_names}, by default
 * {@code <web.host_prefix>.<customer.domain>} and localhost) and the web password ({@code web.password_hash}).
 * Read from the live config at each request, so a config applied from the hub or by setup mode counts at once.
 */
@ApplicationScoped
public class WebAccess {
    private static final Logger LOG = Logger.getLogger(WebAccess.class);
    /** Always served with localhost: the loopback addresses, for a probe or an operator on the guest itself. */
    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    @Inject
    ControllerRuntime runtime;

    /** After the core has loaded its config (its own observer has the default priority). */
    void onStart(@Observes @Priority(5000) StartupEvent event) {
        logOpenDashboard();
    }

    /** Says once per config load whether the dashboard is open; setup mode calls it again after installing. */
    public void logOpenDashboard() {
        if (passwordHash().isEmpty()) {
            LOG.warn("no password configured — dashboard is open");
        } else {
            LOG.info("web password configured — pages need sign-in");
        }
    }

    /** The names served under one config; worked out once per config, since the host gate asks on every request. */
    private record Served(ControllerConfig config, Set<String> hosts) {
    }

    private volatile Served served;

    public Set<String> servedHosts() {
        ControllerConfig config = runtime.config();
        Served known = served;
        if (known != null && known.config() == config) {
            return known.hosts();
        }
        Stream<String> configured = config == null ? Stream.of("localhost") : config.servedHostNames().stream();
        Set<String> hosts = Stream.concat(configured.map(WebAccess::normalize), LOOPBACK.stream())
                .collect(Collectors.toUnmodifiableSet());
        served = new Served(config, hosts);
        return hosts;
    }

    public boolean servesHost(String host) {
        return host != null && servedHosts().contains(normalize(host));
    }

    public Optional<String> passwordHash() {
        ControllerConfig config = runtime.config();
        return config == null ? Optional.empty() : Optional.ofNullable(config.web().passwordHash());
    }

    public boolean passwordRequired() {
        return passwordHash().isPresent();
    }

    private static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
