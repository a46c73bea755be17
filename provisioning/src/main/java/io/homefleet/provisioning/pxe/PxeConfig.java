package io.homefleet.provisioning.pxe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How this service runs dnsmasq ({@code homefleet.provisioning.pxe.*}, env {@code HOMEFLEET_PROVISIONING_PXE_*}).
 * Whether it runs, on which interface and for which LAN is the operator's {@code pxe:} section of provisioning.yaml.
 */
@ConfigMapping(prefix = "homefleet.provisioning.pxe")
public interface PxeConfig {

    /** The program (and any words before its options) that runs dnsmasq. */
    @WithDefault("dnsmasq")
    List<String> dnsmasqCommand();

    /**
     * The address dnsmasq names as next-server and TFTP server. Unset: the first IPv4 address of
     * {@code pxe.interface} inside {@code pxe.subnet}, looked up at each start.
     */
    Optional<String> serverAddress();

    /** The directory with the iPXE binaries ({@code undionly.kpxe}, {@code ipxe.efi}); Debian's ipxe package. */
    @WithDefault("/usr/lib/ipxe")
    Path tftpRoot();

    /** Where the generated dnsmasq.conf and its pid file go. Unset: {@code <data-dir>/dnsmasq}. */
    Optional<Path> runDirectory();

    /** How many of dnsmasq's latest log lines are kept for the dashboard. */
    @WithDefault("500")
    int logLines();

    /** The wait before the first restart of a dnsmasq that died; doubled per failure up to {@link #restartMax()}. */
    @WithDefault("500ms")
    Duration restartInitial();

    @WithDefault("30s")
    Duration restartMax();

    /** A dnsmasq that stayed up this long is healthy again: the next failure waits {@link #restartInitial()}. */
    @WithDefault("60s")
    Duration stableAfter();
}
