package io.homefleet.controller.web;

import io.homefleet.controller.status.ControllerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Who may reach the pages: the host names served and whether a web password guards them. */
@ApplicationScoped
public class WebAccess {
    /** Always served: a probe or an operator on the guest itself. */
    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    @Inject
    ControllerState state;

    public Set<String> servedHosts() {
        Set<String> hosts = new LinkedHashSet<>(LOOPBACK);
        state.identity().ifPresent(id -> hosts.add(("homefleet." + id.domain()).toLowerCase(Locale.ROOT)));
        return hosts;
    }

    public boolean servesHost(String host) {
        return servedHosts().contains(host);
    }

    public boolean passwordRequired() {
        return false;
    }
}
