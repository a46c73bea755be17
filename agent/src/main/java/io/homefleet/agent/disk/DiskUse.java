package io.homefleet.agent.disk;

/**
 * One reason a block device holds data, as {@link DiskInspector} found it. Decisions read {@link #kind()}; the
 * {@link #detail()} sentence is for people (GET /disks, refusals, the audit log) and may be reworded freely.
 */
public record DiskUse(Kind kind, String detail) {

    public enum Kind {
        MOUNTED(true),
        SWAP(true),
        /** Held by device-mapper, LVM or RAID (sysfs holders). */
        HOLDER(true),
        BOOT_DISK(true),
        /** A partition of the boot disk. */
        ON_BOOT_DISK(true),
        PROXMOX_STORAGE(false),
        /** Proxmox's own disk list calls it used (by LVM, ZFS, Ceph, ...). */
        PROXMOX_IN_USE(false),
        PARTITION_TABLE(false),
        FILESYSTEM(false),
        LVM_PV(false),
        ZFS_MEMBER(false),
        RAID_MEMBER(false),
        CRYPTO(false),
        OTHER_SIGNATURE(false),
        /** blkid could not look: treated as data rather than assumed blank. */
        PROBE_FAILED(false);

        private final boolean live;

        Kind(boolean live) {
            this.live = live;
        }
    }

    public DiskUse {
        if (kind == null || detail == null) {
            throw new IllegalArgumentException("a disk use needs a kind and a detail");
        }
    }

    /**
     * In live use right now (mounted, swap, held, the boot disk): no approval may override it. The rest holds data
     * an operator may approve wiping.
     */
    public boolean isLive() {
        return kind.live;
    }

    /** The same use seen from the whole disk: a partition's state counts for its disk. */
    public DiskUse onPartition(String partition) {
        return new DiskUse(kind, "partition " + partition + ": " + detail);
    }
}
