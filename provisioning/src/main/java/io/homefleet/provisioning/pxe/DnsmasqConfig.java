package io.homefleet.provisioning.pxe;

import java.util.ArrayList;
import java.util.List;

/**
 * The dnsmasq configuration for proxy-DHCP PXE beside the LAN's own DHCP server. dnsmasq hands out no addresses
 * and serves no DNS: it only adds boot information to the offers of PXE clients.
 * <ul>
 *   <li>Firmware that is not iPXE (a NIC's own PXE ROM) is sent over TFTP to the iPXE binary for its architecture
 *       ({@code undionly.kpxe} for BIOS, {@code ipxe.efi} for x86-64 UEFI), which then asks again as iPXE.</li>
 *   <li>iPXE (user class "iPXE" or option 175) is sent to this service's {@code /ipxe/${mac}}; iPXE expands
 *       {@code ${mac}} itself. The next-server at the end of that line is required: without it iPXE keeps asking
 *       the proxy and gives up.</li>
 * </ul>
 */
public final class DnsmasqConfig {
    static final String BIOS_LOADER = "undionly.kpxe";
    static final String UEFI_LOADER = "ipxe.efi";

    private DnsmasqConfig() {
    }

    /** The config text for {@code settings}, with dnsmasq naming {@code serverAddress} as next-server. */
    public static String render(PxeSettings settings, String serverAddress) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("PXE is disabled: there is no dnsmasq config to write");
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Written by Homefleet provisioning from provisioning.yaml (pxe.*, server.public_url).");
        lines.add("# Rewritten at every start and change: edit provisioning.yaml, not this file.");
        lines.add("# No DNS; proxy-DHCP only: the LAN's DHCP server keeps handing out the addresses.");
        lines.add("port=0");
        lines.add("interface=" + settings.interfaceName());
        lines.add("bind-interfaces");
        lines.add("dhcp-range=" + settings.subnet().networkAddress() + ",proxy," + settings.subnet().netmask());
        lines.add("leasefile-ro");
        lines.add("pid-file=" + settings.pidFile());
        lines.add("log-facility=-");
        lines.add("log-dhcp");
        lines.add("# iPXE announces itself by user class or by option 175.");
        lines.add("dhcp-userclass=set:ipxe,iPXE");
        lines.add("dhcp-match=set:ipxe,175");
        lines.add("# Firmware without iPXE: chain-load iPXE over TFTP.");
        lines.add("enable-tftp");
        lines.add("tftp-root=" + settings.tftpRoot());
        lines.add("pxe-service=tag:!ipxe,x86PC,\"Homefleet: chain to iPXE\"," + BIOS_LOADER + "," + serverAddress);
        lines.add("pxe-service=tag:!ipxe,X86-64_EFI,\"Homefleet: chain to iPXE\"," + UEFI_LOADER + ","
                + serverAddress);
        lines.add("# iPXE: fetch this machine's boot script from the provisioning service.");
        lines.add("dhcp-boot=tag:ipxe," + settings.bootUrl() + ",," + serverAddress);
        return String.join("\n", lines) + "\n";
    }
}
