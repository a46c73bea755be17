package io.homefleet.provisioning.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** One kind of hardware in server-types.yaml (the seed's shape). */
public record ServerType(
        @NotBlank String displayName,
        /* The disk Proxmox is installed on, e.g. /dev/nvme0n1. */
        @NotBlank @Pattern(regexp = "^(/dev/)?[A-Za-z0-9_./-]+$", message = "must be a disk device") String bootDisk,
        /* The NIC the management network uses (its name in the installer), e.g. enp2s0. */
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_.-]{1,15}$", message = "must be a network interface name (at most 15 characters)")
        String managementNic,
        Boolean gpu,
        @NotBlank @Pattern(regexp = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", message = "must be a lower-case DNS label")
        String hostnamePrefix) {
    public ServerType {
        gpu = gpu != null && gpu;
    }

    /** The boot disk as the answer file's disk-list names it ("nvme0n1"). */
    public String bootDiskName() {
        return bootDisk.startsWith("/dev/") ? bootDisk.substring("/dev/".length()) : bootDisk;
    }
}
