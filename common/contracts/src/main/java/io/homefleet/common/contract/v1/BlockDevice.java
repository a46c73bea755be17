package io.homefleet.common.contract.v1;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One block device (disk or partition) of a host and the agent's own verdict on whether it holds data. */
@ContractRecord
@Schema(description = "A block device of the host, with the agent's data-bearing verdict")
public record BlockDevice(
        @Schema(description = "kernel name, e.g. sdb or sdb1") String name,
        @Schema(description = "device node, e.g. /dev/sdb1; the only form /disks/format accepts") String path,
        @Schema(description = "disk, partition or loop") String kind,
        @Schema(description = "kernel name of the whole disk, for partitions") String parent,
        @Schema(description = "bytes") long sizeBytes,
        String model,
        String serial,
        String wwn,
        @Schema(description = "stable identity: byid:<name> from /dev/disk/by-id, else wwn:, serial: or path:")
        String durableId,
        List<String> byId,
        List<String> mountpoints,
        @Schema(description = "signature found by low-level probing: a filesystem, partition table, RAID, LVM or ZFS member")
        Signature signature,
        @Schema(description = "drive temperature in °C when the kernel exposes one") Double temperatureC,
        boolean dataBearing,
        @Schema(description = "the first reason it is data-bearing, in words") String reason,
        List<String> reasons) {

    @ContractRecord
    public record Signature(
            @Schema(description = "TYPE or PTTYPE as blkid -p reports it: ext4, gpt, LVM2_member, zfs_member ...") String type,
            @Schema(description = "filesystem, raid, crypto, other or partition_table") String usage,
            String label,
            String uuid) {
    }
}
