package io.homefleet.controller.web;

import io.homefleet.common.contract.v1.BlockDevice;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.HostStorage;
import java.util.List;

/** The host's storages (paths from the agent's {@code /storage}) and block devices, formatted for tables. */
public final class StorageRows {
    private StorageRows() {
    }

    /** preferred: the storage apps and backups use by default. */
    public record Storage(String name, String type, String path, String content, String usage, String available,
                          int meter, boolean preferred) {
    }

    public record Disk(String path, String model, String size, String temperature, boolean dataBearing,
                       String reason) {
    }

    public static List<Storage> storages(List<HostStorage> storages, String preferred, Formats f) {
        return storages == null ? List.of() : storages.stream().map(s -> storage(s, s.name().equals(preferred), f)).toList();
    }

    private static Storage storage(HostStorage s, boolean preferred, Formats f) {
        return new Storage(s.name(), dash(s.type()), dash(s.path()),
                s.content() == null || s.content().isEmpty() ? Formats.MISSING : String.join(", ", s.content()),
                f.usedOf(s.used(), s.total()), f.bytes(s.avail()), Formats.meter(s.used(), s.total()), preferred);
    }

    public static List<Disk> disks(DiskInventory inventory, Formats f) {
        if (inventory == null || inventory.disks() == null) {
            return List.of();
        }
        return inventory.disks().stream().map(d -> disk(d, f)).toList();
    }

    private static Disk disk(BlockDevice d, Formats f) {
        return new Disk(d.path() == null ? d.name() : d.path(), dash(d.model()), f.bytes(d.sizeBytes()),
                f.temperature(d.temperatureC()), d.dataBearing(), d.reason() == null ? "" : d.reason());
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? Formats.MISSING : s;
    }
}
