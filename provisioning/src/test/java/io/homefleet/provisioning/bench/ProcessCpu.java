package io.homefleet.provisioning.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU seconds per process group from /proc/PID/stat, which do not depend on how loaded the machine is. A group is a
 * root process and every process below it (the nearest root wins). A live process counts its own user and system
 * time plus that of its children that ended and were waited for (cutime, cstime), so a group's total also covers the
 * short-lived processes it ran (SSH sessions, shells, stand-in commands). Compare two {@link #snapshot}s.
 */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on Linux

    private record Proc(long pid, long ppid, String cmdline, long ownTicks, long childTicks) {
    }

    private ProcessCpu() {
    }

    /**
     * CPU seconds per group now. {@code rootOf} names the group a process roots (or null); the bench JVM itself is
     * counted without its children's time, which belongs to the groups of the processes it started.
     */
    static Map<String, Double> snapshot(Function<String, String> groupOfCmdline, Map<Long, String> roots) {
        Map<Long, Proc> procs = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(d -> {
                Proc p = read(d);
                if (p != null) {
                    procs.put(p.pid(), p);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        long self = ProcessHandle.current().pid();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Proc p : procs.values()) {
            String group = null;
            for (Proc q = p; q != null && group == null; q = procs.get(q.ppid())) {
                group = roots.containsKey(q.pid()) ? roots.get(q.pid()) : groupOfCmdline.apply(q.cmdline());
                if (group == null && q.pid() == self) {
                    group = "bench JVM (simulated installers)";
                }
            }
            if (group != null) {
                long ticks = p.pid() == self ? p.ownTicks() : p.ownTicks() + p.childTicks();
                seconds.merge(group, ticks / TICKS_PER_SECOND, Double::sum);
            }
        }
        return seconds;
    }

    /** The process whose own command line is in {@code group} (a JVM), or -1. */
    static long pidOf(Function<String, String> groupOfCmdline, String group) {
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).map(ProcessCpu::read)
                    .filter(p -> p != null && group.equals(groupOfCmdline.apply(p.cmdline()))).mapToLong(Proc::pid)
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /**
     * CPU seconds per kind of thread of one process now (/proc/PID/task/TID/stat): the thread names with their
     * numbers taken out, the JIT compiler and GC threads under one name each. Threads that ended are not counted.
     */
    static Map<String, Double> threads(long pid) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.UTF_8);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    seconds.merge(kind(name), ticks / TICKS_PER_SECOND, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // ended while listed
                }
            });
        } catch (IOException e) {
            return seconds;
        }
        return seconds;
    }

    private static String kind(String threadName) {
        if (threadName.contains("CompilerThre")) {
            return "JIT compiler";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "GC";
        }
        return threadName.replaceAll("[0-9]+", "N").replaceAll("(-N)+$", "");
    }

    /** {@code after - before} per group. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new LinkedHashMap<>();
        after.forEach((group, s) -> d.put(group, s - before.getOrDefault(group, 0.0)));
        return d;
    }

    private static Proc read(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            // "pid (comm) state ppid ..." where comm may hold spaces and parentheses: split after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] = state (field 3); utime, stime, cutime, cstime are fields 14-17.
            long ppid = Long.parseLong(f[1]);
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
            return new Proc(Long.parseLong(dir.getFileName().toString()), ppid, cmdline, own, children);
        } catch (IOException | RuntimeException gone) {
            return null; // ended while listed
        }
    }
}
