package io.homefleet.sensorproxy.ssh;

import io.homefleet.sensorproxy.config.AllowedNodes;
import io.homefleet.sensorproxy.config.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where the proxy connects for a node: its name when the name resolves here (DNS or /etc/hosts, as on a Proxmox
 * node), otherwise the address the hub gave for it. Proxmox nodes often know each other only by corosync
 * addresses, so without this fallback a hub-authorized node with no DNS entry could not be read.
 */
public final class ConnectTargets {
    private ConnectTargets() {
    }

    public static UnaryOperator<String> of(Supplier<AllowedNodes> allowed) {
        return of(allowed, ConnectTargets::resolves);
    }

    static UnaryOperator<String> of(Supplier<AllowedNodes> allowed, Predicate<String> resolves) {
        return node -> Cidr.isLiteral(node) || resolves.test(node) ? node : allowed.get().addressOf(node).orElse(node);
    }

    private static boolean resolves(String name) {
        try {
            InetAddress.getByName(name);
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
