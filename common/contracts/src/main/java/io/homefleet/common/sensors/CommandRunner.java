package io.homefleet.common.sensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a local command with a deadline and an output cap; never through a shell. */
public final class CommandRunner {
    private CommandRunner() {
    }

    public static CommandOutput run(List<String> command, Duration timeout, int maxStdoutBytes) throws IOException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream(), maxStdoutBytes + 1));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream(), 8192));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout.toMillis() + " ms");
            }
            byte[] out = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            byte[] err = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            boolean truncated = out.length > maxStdoutBytes;
            String text = new String(out, 0, Math.min(out.length, maxStdoutBytes), StandardCharsets.UTF_8);
            return new CommandOutput(process.exitValue(), text, new String(err, StandardCharsets.UTF_8).strip(), truncated);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("could not read the output of " + command.get(0), e);
        }
    }

    /** Reads up to {@code limit} bytes, then keeps draining so the child never blocks on a full pipe. */
    private static byte[] drain(InputStream in, int limit) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                int room = limit - kept.size();
                if (room > 0) {
                    kept.write(buf, 0, Math.min(room, n));
                }
            }
        } catch (IOException ignored) {
            // the process went away; keep what was read
        }
        return kept.toByteArray();
    }
}
