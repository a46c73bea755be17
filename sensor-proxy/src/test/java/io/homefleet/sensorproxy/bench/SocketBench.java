package io.homefleet.sensorproxy.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark client (JDK only): round trips of one request per connection against the proxy's socket, beside
 * the same round trips against a bare echo server on a Unix socket in this process (the floor), and timed
 * sweeps. Prints one "key value" line per figure for bench/sensor-proxy.sh.
 *
 * <p>Usage: {@code rpc SOCKET REQUESTS} or {@code sweep SOCKET ROUNDS}.
 */
public final class SocketBench {
    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "echo-worker");
        t.setDaemon(true);
        return t;
    });

    private SocketBench() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        if (args[0].equals("rpc")) {
            rpc(socket, n);
        } else {
            sweep(socket, n);
        }
    }

    private static void rpc(Path proxy, int requests) throws Exception {
        String request = "{\"method\":\"get_temperature\",\"params\":{\"node\":\"bench-local\"}}\n";
        Path echoPath = Files.createTempDirectory("echo").resolve("echo.sock");
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
        Thread echo = new Thread(() -> echoServer(echoPath, listening), "echo");
        echo.setDaemon(true);
        echo.start();
        listening.await(); // the socket file appears at bind(2), before listen(2): wait for bind() to return
        // Warm up both paths (JIT, caches), then measure them interleaved so machine noise hits both alike.
        for (int i = 0; i < 3000; i++) {
            roundTrip(echoPath, request);
            roundTrip(proxy, request);
        }
        String sample = roundTrip(proxy, request);
        if (!sample.contains("\"success\":true")) {
            throw new IllegalStateException("proxy did not answer successfully: " + sample);
        }
        long[] floor = new long[requests];
        long[] rpc = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            roundTrip(echoPath, request);
            long t1 = System.nanoTime();
            roundTrip(proxy, request);
            long t2 = System.nanoTime();
            floor[i] = t1 - t0;
            rpc[i] = t2 - t1;
        }
        Arrays.sort(floor);
        Arrays.sort(rpc);
        print("requests", requests);
        print("echo_p50_ms", ms(pct(floor, 50)));
        print("echo_p99_ms", ms(pct(floor, 99)));
        print("rpc_p50_ms", ms(pct(rpc, 50)));
        print("rpc_p99_ms", ms(pct(rpc, 99)));
        print("ratio_p50", (double) pct(rpc, 50) / pct(floor, 50));
        print("ratio_p99", (double) pct(rpc, 99) / pct(floor, 99));
    }

    private static void sweep(Path proxy, int rounds) throws Exception {
        String request = "{\"method\":\"get_temperatures\"}\n";
        long t0 = System.nanoTime();
        String first = roundTrip(proxy, request);
        print("sweep_first_ms", ms(System.nanoTime() - t0));
        long[] times = new long[rounds];
        String last = first;
        long pause = Long.getLong("bench.pause.ms", 0);
        for (int i = 0; i < rounds; i++) {
            Thread.sleep(pause);
            long s = System.nanoTime();
            last = roundTrip(proxy, request);
            times[i] = System.nanoTime() - s;
        }
        Arrays.sort(times);
        print("sweep_snapshots", count(last, "\"source\":"));
        print("sweep_errors", count(last, "\"error\":"));
        int errors = last.indexOf("\"errors\":[{");
        if (errors >= 0) {
            System.out.println("sweep_last_errors " + last.substring(errors, Math.min(last.length(), errors + 400)).strip());
        }
        print("sweep_p50_ms", ms(pct(times, 50)));
        print("sweep_max_ms", ms(times[times.length - 1]));
    }

    private static int count(String text, String needle) {
        int c = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            c++;
        }
        return c;
    }

    static String roundTrip(Path socket, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (ch.read(buf) >= 0) {
                if (buf.position() > 0 && buf.get(buf.position() - 1) == '\n') {
                    break;
                }
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    /** The floor: accept, read one line, write it back, close — a thread per connection like the proxy. */
    private static void echoServer(Path path, java.util.concurrent.CountDownLatch listening) {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path), 256);
            listening.countDown();
            while (true) {
                SocketChannel ch = server.accept();
                POOL.execute(() -> {
                    try (ch) {
                        ByteBuffer buf = ByteBuffer.allocate(16 * 1024 + 1);
                        while (ch.read(buf) >= 0) {
                            if (buf.position() > 0 && buf.get(buf.position() - 1) == '\n') {
                                break;
                            }
                        }
                        buf.flip();
                        ch.write(buf);
                    } catch (IOException ignored) {
                        // client left
                    }
                });
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static void print(String key, Object value) {
        System.out.println(key + " " + (value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value));
    }
}
