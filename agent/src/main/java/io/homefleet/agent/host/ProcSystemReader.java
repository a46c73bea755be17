package io.homefleet.agent.host;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads memory, load, uptime and root-disk figures straight from /proc and statvfs: nothing to install. */
public final class ProcSystemReader {
    private final Path proc;

    public ProcSystemReader(Path proc) {
        this.proc = proc;
    }

    public record Memory(long totalBytes, long usedBytes) {
    }

    public record Load(double load1, double load5, double load15) {
    }

    public record DiskUsage(long totalBytes, long usedBytes) {
    }

    /** Used = MemTotal - MemAvailable: what the kernel could not hand out now, as free(1) counts it. */
    public Memory memory() throws IOException {
        long total = -1;
        long available = -1;
        for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line);
            }
        }
        if (total < 0 || available < 0) {
            throw new IOException(proc.resolve("meminfo") + " lacks MemTotal or MemAvailable");
        }
        return new Memory(total, Math.max(0, total - available));
    }

    public Load load() throws IOException {
        String[] fields = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
        return new Load(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
    }

    public long uptimeSeconds() throws IOException {
        String first = Files.readString(proc.resolve("uptime")).trim().split("\\s+")[0];
        return (long) Double.parseDouble(first);
    }

    /** Size and use of the file system holding {@code path}, as df counts them (used = total - free blocks). */
    public static DiskUsage diskUsage(Path path) throws IOException {
        return diskUsage(Files.getFileStore(path));
    }

    public static DiskUsage diskUsage(FileStore store) throws IOException {
        long total = store.getTotalSpace();
        return new DiskUsage(total, Math.max(0, total - store.getUnallocatedSpace()));
    }

    private static long kib(String line) {
        List<String> parts = List.of(line.split("\\s+"));
        return Long.parseLong(parts.get(1)) * 1024L;
    }
}
