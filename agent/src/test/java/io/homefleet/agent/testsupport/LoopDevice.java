package io.homefleet.agent.testsupport;

import io.homefleet.common.process.ProcessRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real loop device over a sparse file, for disk tests: blank, with a filesystem, mounted, or with a partition
 * table. {@link #close()} unmounts, detaches and deletes everything it made.
 */
public final class LoopDevice implements AutoCloseable {
    private final Path backingFile;
    private final String device;
    private final List<Path> mounts = new ArrayList<>();
    private boolean swapOn;

    private LoopDevice(Path backingFile, String device) {
        this.backingFile = backingFile;
        this.device = device;
    }

    /** True when this machine lets the tests attach loop devices (root, loop driver present). */
    public static boolean available() {
        try {
            return ProcessRunner.run(List.of("losetup", "-f"), Duration.ofSeconds(10)).ok();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static LoopDevice blank(Path dir, String name, long megabytes) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".img");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(megabytes * 1024 * 1024);
        }
        ProcessRunner.Result result = ProcessRunner.run(List.of("losetup", "-f", "--show", file.toString()),
                Duration.ofSeconds(20));
        if (!result.ok()) {
            Files.deleteIfExists(file);
            throw new IOException("losetup failed: " + result.stderr());
        }
        return new LoopDevice(file, result.stdout().strip());
    }

    public String device() {
        return device;
    }

    public Path backingFile() {
        return backingFile;
    }

    public LoopDevice withExt4() throws IOException {
        run("mkfs.ext4", "-q", "-F", device);
        return this;
    }

    /** An LVM physical volume label (no volume group is created or activated). */
    public LoopDevice withLvmPhysicalVolume() throws IOException {
        run("pvcreate", "-q", "-y", device);
        return this;
    }

    /** Swap space, switched on. */
    public LoopDevice withActiveSwap() throws IOException {
        run("mkswap", device);
        run("swapon", device);
        swapOn = true;
        return this;
    }

    public LoopDevice withGptPartitionTable() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sfdisk", "-q", device).redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().write("label: gpt\n,16M\n".getBytes());
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException("sfdisk failed: " + out);
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return this;
    }

    public Path mount(Path at) throws IOException {
        Files.createDirectories(at);
        run("mount", device, at.toString());
        mounts.add(at);
        return at;
    }

    public void unmount() throws IOException {
        for (Path at : List.copyOf(mounts)) {
            run("umount", at.toString());
            mounts.remove(at);
        }
    }

    /** What blkid -p sees now ("" when nothing). */
    public String probe() {
        return ProcessRunner.run(List.of("blkid", "-p", "-o", "export", device), Duration.ofSeconds(20)).stdout();
    }

    private static void run(String... command) throws IOException {
        ProcessRunner.Result result = ProcessRunner.run(List.of(command), Duration.ofMinutes(2));
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed: " + result.stderr() + result.stdout());
        }
    }

    @Override
    public void close() throws IOException {
        for (Path at : List.copyOf(mounts)) {
            ProcessRunner.run(List.of("umount", "-l", at.toString()), Duration.ofSeconds(30));
        }
        mounts.clear();
        if (swapOn) {
            ProcessRunner.run(List.of("swapoff", device), Duration.ofSeconds(30));
        }
        ProcessRunner.run(List.of("losetup", "-d", device), Duration.ofSeconds(30));
        Files.deleteIfExists(backingFile);
    }
}
