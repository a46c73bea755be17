package io.homefleet.common.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with an argument list (never through a shell, so no argument is ever interpreted), a time limit
 * and a cap on how much of each output is kept, and hands back its exit status and both outputs. On timeout the
 * process and everything it started are killed.
 *
 * <p>Each run drains stdout and stderr on two threads of its own. On a shared pool (the common fork-join pool, a
 * service's worker pool) a busy pool would leave the drain unscheduled, the child would block on a full pipe, and
 * the run would end in a timeout for a program that had long finished its work.
 */
public final class ProcessRunner {
    /** Far above any output a caller parses; beyond it the rest is read and dropped so the child never blocks. */
    public static final int DEFAULT_MAX_STDOUT_BYTES = 16 << 20;
    public static final int DEFAULT_MAX_STDERR_BYTES = 64 << 10;
    private static final File NO_INPUT = new File("/dev/null");

    private ProcessRunner() {
    }

    /**
     * What a finished program left: exit status, stdout and stderr, each cut at its cap; {@code truncated} says stdout
     * was (a cut stderr is only a shorter hint).
     */
    public record Result(int exitCode, String stdout, String stderr, boolean truncated) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(List<String> command, Duration timeout) {
        return run(command, timeout, DEFAULT_MAX_STDOUT_BYTES, DEFAULT_MAX_STDERR_BYTES);
    }

    /**
     * @throws UncheckedIOException when the program cannot start or does not finish within {@code timeout}
     */
    public static Result run(List<String> command, Duration timeout, int maxStdoutBytes, int maxStderrBytes) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(NO_INPUT)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        Drain out = Drain.start(process.getInputStream(), maxStdoutBytes, "stdout of " + command.get(0));
        Drain err = Drain.start(process.getErrorStream(), maxStderrBytes, "stderr of " + command.get(0));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new UncheckedIOException(new IOException(command.get(0) + " did not finish within "
                        + timeout.toMillis() + " ms"));
            }
            // A grandchild that inherited the pipes may keep them open after the program exits; wait only briefly.
            Drain.Output stdout = out.await(timeout);
            Drain.Output stderr = err.await(timeout);
            return new Result(process.exitValue(), stdout.text(), stderr.text(), stdout.truncated());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running " + command.get(0), e));
        }
    }

    /** Kills the program and its descendants (listed first: once the parent dies they are no longer its descendants). */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Reads one stream to its end on its own thread, keeping the first {@code limit} bytes. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile boolean truncated;

        record Output(String text, boolean truncated) {
        }

        private Drain(InputStream in, int limit, String name) {
            this.in = in;
            this.limit = limit;
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        static Drain start(InputStream in, int limit, String name) {
            Drain drain = new Drain(in, limit, name);
            drain.thread.start();
            return drain;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (kept) {
                        int room = limit - kept.size();
                        if (room > 0) {
                            kept.write(buf, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                }
            } catch (IOException ignored) {
                // the stream was closed under us (process killed): keep what was read
            }
        }

        Output await(Duration timeout) throws InterruptedException {
            thread.join(Math.max(1, timeout.toMillis()));
            synchronized (kept) {
                return new Output(kept.toString(StandardCharsets.UTF_8), truncated);
            }
        }
    }
}
