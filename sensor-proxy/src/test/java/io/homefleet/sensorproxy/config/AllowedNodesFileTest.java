package io.homefleet.sensorproxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowedNodesFileTest {
    @TempDir
    Path dir;

    @Test
    void fiftyConcurrentWritersNeverCorruptOrLoseAnEntry() throws Exception {
        AllowedNodesFile file = new AllowedNodesFile(dir.resolve("allowed_nodes.yaml"));
        file.update(List.of("seed-node"), false);
        int writers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String node = "node-" + i;
            done.add(pool.submit(() -> {
                start.await();
                // Each writer opens its own handle, as separate CLI processes would.
                return new AllowedNodesFile(dir.resolve("allowed_nodes.yaml")).update(List.of(node, "SEED-NODE"), false);
            }));
        }
        // Meanwhile a reader keeps reading: it must always see a whole, parseable file.
        Future<Integer> reader = Executors.newSingleThreadExecutor().submit(() -> {
            int reads = 0;
            while (!done.stream().allMatch(Future::isDone)) {
                List<String> seen = file.read();
                assertTrue(seen.contains("seed-node"));
                reads++;
            }
            return reads;
        });
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(reader.get(60, TimeUnit.SECONDS) > 0);
        List<String> finalList = file.read();
        assertEquals(writers + 1, finalList.size(), "every writer's entry survives, the shared one once");
        Set<String> expected = new HashSet<>();
        expected.add("seed-node");
        for (int i = 0; i < writers; i++) {
            expected.add("node-" + i);
        }
        assertEquals(expected, new HashSet<>(finalList));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left behind");
        }
    }

    @Test
    void oneBadEntryChangesNothing() throws Exception {
        AllowedNodesFile file = new AllowedNodesFile(dir.resolve("allowed_nodes.yaml"));
        file.update(List.of("pve1"), false);
        String before = Files.readString(file.path());
        ConfigException e = assertThrows(ConfigException.class, () -> file.update(List.of("pve2", "bad name!", "x".repeat(300)), true));
        assertEquals(2, e.problems().size());
        assertEquals(before, Files.readString(file.path()));
    }

    @Test
    void entriesAreNormalizedDeduplicatedAndReplaceable() throws Exception {
        AllowedNodesFile file = new AllowedNodesFile(dir.resolve("allowed_nodes.yaml"));
        assertEquals(List.of("pve1", "10.1.0.0/16", "fd00::1"), file.update(List.of("PVE1.", "10.1.2.3/16", "pve1", "fd00:0::1"), false));
        assertEquals(List.of("pve9"), file.update(List.of("pve9"), true));
        AllowedNodes nodes = new AllowedNodes(List.of("pve1", "10.1.0.0/16"));
        assertTrue(nodes.permits("PVE1"));
        assertTrue(nodes.permits("10.1.200.7"));
        assertFalse(nodes.permits("10.2.0.1"));
        assertFalse(nodes.permits("pve2"));
    }

    @Test
    void fiftyWriterProcessesShareTheFileLock() throws Exception {
        // Separate processes: only the OS file lock stands between them (the in-JVM lock does not apply).
        Path target = dir.resolve("allowed_nodes.yaml");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writers.add(new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    io.homefleet.sensorproxy.support.AllowedNodesWriterMain.class.getName(), target.toString(), "proc-" + i)
                    .redirectErrorStream(true).start());
        }
        for (Process p : writers) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), () -> new String(readAll(p)));
        }
        List<String> entries = new AllowedNodesFile(target).read();
        assertEquals(50, entries.size(), entries::toString);
        assertEquals(50, new HashSet<>(entries).size());
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
