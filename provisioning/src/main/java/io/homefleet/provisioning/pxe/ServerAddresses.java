package io.homefleet.provisioning.pxe;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * The address dnsmasq names as next-server and TFTP server: the configured one, or the first IPv4 address of
 * {@code pxe.interface} inside {@code pxe.subnet}. Looked up at each start, so an interface that comes up late or
 * changes its address is picked up by the next attempt.
 */
final class ServerAddresses {
    private ServerAddresses() {
    }

    /** @throws IllegalStateException naming what is missing, when no address can be found */
    static String resolve(PxeSettings settings) {
        if (settings.serverAddress().isPresent()) {
            return settings.serverAddress().get();
        }
        NetworkInterface nic;
        try {
            nic = NetworkInterface.getByName(settings.interfaceName());
        } catch (SocketException e) {
            throw new IllegalStateException("cannot read network interface " + settings.interfaceName() + ": "
                    + e.getMessage(), e);
        }
        if (nic == null) {
            throw new IllegalStateException("pxe.interface " + settings.interfaceName()
                    + " does not exist on this machine (is the service on the hosts' LAN, with host networking?)");
        }
        for (InterfaceAddress address : nic.getInterfaceAddresses()) {
            if (address.getAddress() instanceof Inet4Address v4 && settings.subnet().contains(v4)) {
                return v4.getHostAddress();
            }
        }
        throw new IllegalStateException("pxe.interface " + settings.interfaceName() + " has no IPv4 address in "
                + "pxe.subnet " + settings.subnet());
    }
}
