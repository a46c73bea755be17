package io.homefleet.provisioning.boot;

/**
 * The iPXE scripts {@code GET /ipxe/{mac}} answers: the Proxmox automated installer for a host whose rebuild was
 * requested (as {@code prepare-iso --pxe --pxe-loader ipxe} writes it, without the menu), and otherwise a script
 * that boots the local disk, so a machine never reinstalls by accident.
 */
public final class IpxeScripts {
    /** The kernel argument that starts the automated installer instead of the menu. */
    public static final String AUTO_INSTALLER_ARGUMENT = "proxmox-start-auto-installer";

    private IpxeScripts() {
    }

    /**
     * Loads {@code vmlinuz}, {@code initrd.img} and the prepared ISO (as {@code proxmox.iso}) from {@code filesUrl}.
     */
    public static String installer(String hostId, String mac, String filesUrl, String isoFile) {
        String base = filesUrl.endsWith("/") ? filesUrl : filesUrl + "/";
        return "#!ipxe\n"
                + "# Homefleet provisioning: unattended Proxmox VE install for " + hostId + " (" + mac + ")\n"
                + "echo Homefleet: loading the Proxmox VE automated installer for " + hostId + " ...\n"
                + "kernel " + base + "vmlinuz ramdisk_size=16777216 rw quiet initrd=initrd.img splash=silent "
                + AUTO_INSTALLER_ARGUMENT + "\n"
                + "initrd " + base + "initrd.img\n"
                + "initrd " + base + isoFile + " proxmox.iso\n"
                + "boot\n";
    }

    /**
     * Hands the machine back to the firmware, which boots the next device in its order (the installed disk).
     * {@code reason} says why, on the console.
     */
    public static String localBoot(String reason) {
        return "#!ipxe\n"
                + "# Homefleet provisioning: boot from the local disk\n"
                + "echo Homefleet: " + reason.replaceAll("[\\r\\n]", " ") + "; booting from the local disk\n"
                + "exit\n";
    }
}
