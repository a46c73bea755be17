package io.homefleet.provisioning.pxe;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the dnsmasq child is built from: the operator's {@code pxe.*} and {@code server.public_url} from
 * provisioning.yaml, plus the process settings of {@link PxeConfig}. Two equal settings give the same dnsmasq
 * config, so comparing them decides whether the child must be restarted.
 *
 * @param enabled         {@code pxe.enabled}: whether dnsmasq runs at all
 * @param interfaceName   {@code pxe.interface}: the NIC on the hosts' LAN
 * @param subnet          {@code pxe.subnet}: the LAN, answered in proxy-DHCP mode beside the LAN's own DHCP server
 * @param publicUrl       {@code server.public_url}: where PXE-booting machines reach this service over HTTP
 * @param serverAddress   the address dnsmasq names as next-server and TFTP server; empty = the interface's first
 *                        IPv4 address inside the subnet, looked up at each start
 * @param dnsmasqCommand  the words that run dnsmasq (options are appended)
 * @param tftpRoot        the directory holding the iPXE binaries firmware without iPXE chain-loads
 * @param runDirectory    where the generated config and the pid file are written
 */
public record PxeSettings(boolean enabled, String interfaceName, Ipv4Subnet subnet, URI publicUrl,
        Optional<String> serverAddress, List<String> dnsmasqCommand, Path tftpRoot, Path runDirectory) {

    public PxeSettings {
        Objects.requireNonNull(serverAddress, "serverAddress");
        dnsmasqCommand = List.copyOf(dnsmasqCommand);
        if (dnsmasqCommand.isEmpty()) {
            throw new IllegalArgumentException("the dnsmasq command is empty");
        }
        Objects.requireNonNull(tftpRoot, "tftpRoot");
        Objects.requireNonNull(runDirectory, "runDirectory");
        if (enabled) {
            if (interfaceName == null || !interfaceName.matches("[A-Za-z0-9_.:@-]{1,15}")) {
                throw new IllegalArgumentException("pxe.interface '" + interfaceName
                        + "' is not a network interface name (1 to 15 letters, digits, '-', '_', '.')");
            }
            Objects.requireNonNull(subnet, "pxe.subnet is required when PXE is enabled");
            if (publicUrl == null || !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme()))
                    || publicUrl.getHost() == null) {
                throw new IllegalArgumentException("server.public_url '" + publicUrl
                        + "' must be an http:// or https:// URL the booting machines can reach");
            }
            // dnsmasq separates fields by commas and ends them at whitespace: such a URL cannot be written safely.
            if (publicUrl.toString().matches(".*[,\\s\"#].*")) {
                throw new IllegalArgumentException("server.public_url '" + publicUrl
                        + "' contains a comma, quote, '#' or whitespace, which dnsmasq's config cannot carry");
            }
            serverAddress.ifPresent(a -> Ipv4Subnet.parseAddress(a, a));
        }
    }

    /** PXE off: dnsmasq is not run. */
    public static PxeSettings disabled(List<String> dnsmasqCommand, Path tftpRoot, Path runDirectory) {
        return new PxeSettings(false, null, null, null, Optional.empty(), dnsmasqCommand, tftpRoot, runDirectory);
    }

    /** The URL iPXE is sent to: this service's {@code /ipxe/} path with iPXE's own {@code ${mac}} expansion. */
    public String bootUrl() {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/ipxe/${mac}";
    }

    public Path configFile() {
        return runDirectory.resolve("dnsmasq.conf");
    }

    public Path pidFile() {
        return runDirectory.resolve("dnsmasq.pid");
    }
}
