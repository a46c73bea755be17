package io.homefleet.controller.system;

import io.homefleet.common.contract.v1.ControllerReport;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The guest's own figures from /proc (inside an LXC guest, lxcfs makes these the guest's, not the host's) and the root
 * file system: CPU busy share since the previous reading, cores, memory, disk, load, uptime. A figure that cannot be
 * read is left out, never guessed.
 */
public final class ProcSystemStats {
    private final Path proc;
    private final Path rootFs;
    private long[] previousCpu;

    public ProcSystemStats(Path proc, Path rootFs) {
        this.proc = proc;
        this.rootFs = rootFs;
    }

    public static ProcSystemStats ofThisMachine() {
        return new ProcSystemStats(Path.of("/proc"), Path.of("/"));
    }

    public synchronized ControllerReport.SystemStats read() {
        return new ControllerReport.SystemStats(cpu(), memory(), disk(), load(), uptime());
    }

    private ControllerReport.Cpu cpu() {
        Integer cores = null;
        Double percent = null;
        try {
            List<String> lines = Files.readAllLines(proc.resolve("stat"));
            cores = (int) lines.stream().filter(l -> l.matches("^cpu\\d+ .*")).count();
            String total = lines.stream().filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
            if (total != null) {
                String[] f = total.trim().split("\\s+");
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                long all = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    all += Long.parseLong(f[i]);
                }
                long[] now = {all, idle};
                if (previousCpu != null && now[0] > previousCpu[0]) {
                    double busy = 1.0 - (double) (now[1] - previousCpu[1]) / (now[0] - previousCpu[0]);
                    percent = Math.round(Math.max(0, Math.min(1, busy)) * 1000) / 10.0;
                }
                previousCpu = now;
            }
        } catch (IOException | RuntimeException e) {
            // left out
        }
        return cores == null && percent == null ? null : new ControllerReport.Cpu(percent, cores == 0 ? null : cores);
    }

    private ControllerReport.Capacity memory() {
        try {
            Long total = null;
            Long available = null;
            for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = kib(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kib(line);
                }
            }
            return total == null ? null : new ControllerReport.Capacity(total,
                    available == null ? null : Math.max(0, total - available));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    private ControllerReport.Capacity disk() {
        try {
            FileStore store = Files.getFileStore(rootFs);
            long total = store.getTotalSpace();
            return new ControllerReport.Capacity(total, total - store.getUnallocatedSpace());
        } catch (IOException e) {
            return null;
        }
    }

    private ControllerReport.Load load() {
        try {
            String[] f = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
            return new ControllerReport.Load(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Long uptime() {
        try {
            return (long) Double.parseDouble(Files.readString(proc.resolve("uptime")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
