package io.homefleet.common.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @Test
    void exitStatusAndBothOutputs() {
        ProcessRunner.Result result = ProcessRunner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(10));
        assertEquals(3, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
        assertFalse(result.ok());
        assertFalse(result.truncated());
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() {
        ProcessRunner.Result result = ProcessRunner.run(List.of("echo", "$(id) ; rm -rf /"), Duration.ofSeconds(10));
        assertEquals("$(id) ; rm -rf /\n", result.stdout());
    }

    @Test
    void outputBeyondTheCapIsDroppedAndTheChildStillFinishes() {
        // 4 MiB, far more than a pipe holds: the child only finishes if the rest is read and dropped.
        ProcessRunner.Result result = ProcessRunner.run(List.of("head", "-c", "4194304", "/dev/zero"),
                Duration.ofSeconds(20), 1000, 100);
        assertTrue(result.ok());
        assertEquals(1000, result.stdout().length());
        assertTrue(result.truncated());
    }

    @Test
    void timeoutKillsTheProcessAndEverythingItStarted(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long started = System.nanoTime();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ProcessRunner.run(
                List.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait"), Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("did not finish within 500 ms"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "the caller is not kept waiting");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
                "the grandchild (sleep 300) is killed with its parent");
    }

    @Test
    void aBusySharedPoolDoesNotStallTheOutput() throws Exception {
        // Occupy every thread of the common pool, then run a program whose output overflows a pipe. Draining on
        // that pool would leave the child blocked on write until the timeout (the sensors' runner did).
        int parallelism = ForkJoinPool.getCommonPoolParallelism();
        assertTrue(parallelism > 1, "the build gives the common pool several threads (contracts' pom), as on a "
                + "machine with more cores; with one, CompletableFuture starts a thread per task instead");
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> blockers = new ArrayList<>();
        for (int i = 0; i < parallelism * 2; i++) {
            blockers.add(CompletableFuture.runAsync(() -> {
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            ProcessRunner.Result result = ProcessRunner.run(List.of("head", "-c", "1048576", "/dev/zero"),
                    Duration.ofSeconds(5));
            assertEquals(1048576, result.stdout().length());
        } finally {
            release.countDown();
            blockers.forEach(CompletableFuture::join);
        }
    }

    @Test
    void aMissingProgramIsAnError() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ProcessRunner.run(List.of("/nonexistent/program"), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("cannot run /nonexistent/program"), e.getMessage());
    }
}
