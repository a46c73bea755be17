import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub benchmark (make bench). Every figure is printed beside its floor measured in the same run, on the
 * same database, at the same concurrency. Traffic goes to 127.0.0.1 only; every loop is bounded in time.
 */
public class HubBench {
    static final String OPERATOR = "hfo_benchOperatorTokenForTheHubBenchmarkOnly000";
    static final int PORT = Integer.getInteger("bench.port", 18080);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    static final int CONTROLLERS = Integer.getInteger("bench.controllers", 200);
    static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    static Process hubProcess;
    /** The JVM options docs/hub.md recommends for k3s (a 256 MiB container limit); -Dbench.hubOpts replaces them. */
    static final String HUB_JVM_OPTIONS = System.getProperty("bench.hubOpts",
            "-Xmx96m -Xss256k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m "
                    + "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    /** glibc's malloc arenas per thread, as docs/hub.md recommends for a pod; -Dbench.mallocArenas replaces it. */
    static final String MALLOC_ARENA_MAX = System.getProperty("bench.mallocArenas", "2");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8, r -> {
                // daemon threads: the benchmark's JVM exits when main returns
                Thread t = new Thread(r, "bench-http");
                t.setDaemon(true);
                return t;
            })).build();

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("hub-bench-");
        // Durable like the hub's own embedded server (fsync, synchronous commit, full page writes), so a 202 and
        // the floor's commit both wait for the disk; -Dbench.fastDb=true measures the library's unsafe defaults.
        boolean durable = !Boolean.getBoolean("bench.fastDb");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true).setServerConfig("max_connections", "200")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off");
        System.out.println("Database: " + (durable ? "durable (fsync, synchronous_commit, full_page_writes on)"
                : "fast (fsync and synchronous_commit off: NOT the product's settings)"));
        try (EmbeddedPostgres pg = builder.start()) {
            String jdbc = pg.getJdbcUrl("postgres", "postgres");
            Process hub = startHub(jdbc, work);
            hubProcess = hub;
            try {
                awaitHealthy();
                run(pg);
            } finally {
                hub.destroy();
                hub.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    static Process startHub(String jdbc, Path work) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(List.of(HUB_JVM_OPTIONS.trim().split("\\s+")));
        cmd.addAll(List.of("-jar", "hub/target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (!MALLOC_ARENA_MAX.isBlank()) {
            pb.environment().put("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
        }
        pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
        pb.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(PORT));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("HOMEFLEET_HUB_OPERATOR_TOKEN", OPERATOR);
        pb.environment().put("HOMEFLEET_HUB_SWEEP_EVERY", "off");
        pb.environment().put("HOMEFLEET_HUB_RETENTION_PRUNE_CRON", "off");
        pb.environment().put("HOMEFLEET_HUB_DATA_DIR", work.resolve("hub").toString());
        // The proxy phase sends each simulated proxy's polls far faster than its 12/min limit allows.
        pb.environment().put("HOMEFLEET_HUB_TEMPERATURE_PROXY_RATE_LIMIT_PER_MINUTE", "1000000000");
        pb.redirectErrorStream(true).redirectOutput(work.resolve("hub.log").toFile());
        return pb.start();
    }

    static void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (get("/healthz", null).statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("hub did not become healthy within 60 s");
    }

    static void run(EmbeddedPostgres pg) throws Exception {
        if ("tempproxy".equals(System.getProperty("bench.only"))) {
            proxyPolling();
            return;
        }
        if ("desired".equals(System.getProperty("bench.only"))) {
            catalogImport();
            desiredStatePolling();
            return;
        }
        String[] customers = new String[CONTROLLERS];
        String[] keys = new String[CONTROLLERS];
        for (int i = 0; i < CONTROLLERS; i++) {
            customers[i] = "bench-" + i;
            post("/api/v1/customers", OPERATOR, "{\"id\":\"" + customers[i] + "\",\"name\":\"Bench " + i + "\"}");
            String body = post("/api/v1/customers/" + customers[i] + "/keys", OPERATOR, "").body();
            keys[i] = body.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
        }
        System.out.printf("Setup: %d controllers, concurrency %d, %d s per phase%n", CONTROLLERS, CONCURRENCY,
                RUN.toSeconds());

        closedLoopIngest(customers, keys, Duration.ofSeconds(5)); // warm-up: JIT, pools, caches
        RssSampler rss = RssSampler.start(hubProcess.pid());
        Result ingest = closedLoopIngest(customers, keys, RUN);
        long peakRssKiB = rss.stop();
        Result raw = rawInserts(pg, customers, RUN);
        System.out.printf("Ingest (HTTP, auth, validation, batched writes): %.0f reports/s, p50 %.1f ms, p99 %.1f ms%n",
                ingest.rate(), ingest.p(50), ingest.p(99));
        System.out.printf("Floor, raw JDBC INSERT of the same rows, same concurrency: %.0f rows/s, p50 %.1f ms, p99 %.1f ms%n",
                raw.rate(), raw.p(50), raw.p(99));
        System.out.printf("Ratio ingest / raw insert: %.0f%% (target >= 70%%, and >= 1,000 reports/s)%n",
                100 * ingest.rate() / raw.rate());
        System.out.printf("Hub RSS, peak during the ingest phase: %d MiB (hub JVM options: %s, MALLOC_ARENA_MAX=%s; "
                + "target <= 256 MiB)%n", peakRssKiB / 1024, HUB_JVM_OPTIONS, MALLOC_ARENA_MAX);

        Result fixed = fixedRateIngest(customers, keys, 300, RUN);
        System.out.printf("At a fixed 300 reports/s (open loop, latency from the scheduled send): p50 %.1f ms, "
                + "p99 %.1f ms, achieved %.0f/s (target p99 <= 50 ms)%n", fixed.p(50), fixed.p(99), fixed.rate());

        if ("ingest".equals(System.getProperty("bench.only"))) {
            return;
        }
        try (Connection con = pg.getPostgresDatabase().getConnection(); Statement st = con.createStatement()) {
            st.execute("""
                    INSERT INTO customers (id, name, last_seen_at, last_sent_at, health_status, controller_version,
                                           cpu_percent, memory_percent, disk_percent, alert_state)
                    SELECT 'list-' || g, 'List customer ' || g, now() - (g %% 25) * interval '1 minute', now(),
                           'ok', '0.39.1', 12.5, 40.1, 55.2, 'ok'
                      FROM generate_series(1, 10000 - %d) g""".formatted(CONTROLLERS));
            st.execute("""
                    INSERT INTO events (event_id, customer_id, event_type, severity, message, source, occurred_at,
                                        received_at)
                    SELECT gen_random_uuid(), 'list-' || (g % 9000 + 1), 'backup_failed',
                           CASE WHEN g % 2 = 0 THEN 'error' ELSE 'warning' END, 'bench', 'controller', now(), now()
                      FROM generate_series(1, 20000) g""");
            st.execute("ANALYZE");
        }
        long[] listTimes = new long[23];
        int listed = 0;
        for (int i = 0; i < listTimes.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get("/api/v1/customers", OPERATOR);
            listTimes[i] = System.nanoTime() - t0;
            listed = r.body().split("\"id\":").length - 1;
        }
        long[] measured = Arrays.copyOfRange(listTimes, 3, listTimes.length);
        Arrays.sort(measured);
        System.out.printf("GET /api/v1/customers with %d customers (20 runs after 3 warm-ups): median %.0f ms, "
                + "worst %.0f ms (target <= 150 ms)%n", listed, measured[measured.length / 2] / 1e6,
                measured[measured.length - 1] / 1e6);

        dashboardFleet(pg, measured[measured.length / 2] / 1e6);

        try (Connection con = pg.getPostgresDatabase().getConnection(); Statement st = con.createStatement()) {
            st.execute("""
                    INSERT INTO customers (id, name, last_seen_at, alert_state)
                    SELECT 'sweep-' || g, 'Sweep customer ' || g,
                           now() - CASE WHEN g % 100 = 0 THEN interval '35 minutes'
                                        ELSE (g % 25) * interval '1 minute' END, 'ok'
                      FROM generate_series(1, 90000) g""");
            st.execute("ANALYZE customers");
        }
        long customersNow = scalar(pg, "SELECT count(*) FROM customers");
        sweepOnce(pg, customersNow, "1% of customers cross a threshold");
        sweepOnce(pg, customersNow, "nothing changed since the last sweep");
        proxyPolling();
    }

    /**
     * 1,000 sensor proxies (50 clusters of 20 hosts) pulling their authorized nodes: the 304 path (the list did
     * not change) against the 200 path (full list) and GET /q/health/live (the HTTP stack alone) as the floor, each
     * closed-loop at the same concurrency, with the hub's own CPU time per request; then open loop at 1,000 polls/s
     * (each proxy once a second, 60 times the default refresh interval): all 304, all 200, and 98% 304; last, 304s
     * spaced so that no token is in the hub's credential cache, as at the real interval.
     */
    static void proxyPolling() throws Exception {
        int proxies = Integer.getInteger("bench.proxies", 1000);
        String[] tokens = new String[proxies];
        String[] etags = new String[proxies];
        ExecutorService setup = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < proxies; i++) {
            int n = i;
            done.add(setup.submit(() -> {
                String id = "tp-" + n;
                post("/api/v1/hosts", OPERATOR, "{\"id\":\"" + id + "\",\"hostname\":\"" + id + ".lan\",\"cluster\":"
                        + "\"tpc-" + (n % 50) + "\",\"addresses\":[\"10." + (n / 250) + "." + (n % 250) + ".1\"]}");
                String key = field(post("/api/v1/hosts/" + id + "/keys", OPERATOR, "").body(), "key");
                String reg = post("/api/v1/temperature-proxy/register", key,
                        "{\"hostname\":\"" + id + "\",\"kind\":\"socket\"}").body();
                tokens[n] = field(reg, "ctrl_token");
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        for (int i = 0; i < proxies; i++) {
            HttpResponse<String> r = get("/api/v1/temperature-proxy/authorized-nodes", tokens[i]);
            etags[i] = r.headers().firstValue("ETag").orElseThrow();
        }
        setup.shutdown();
        System.out.printf("Temperature proxies: %d registered in 50 clusters of %d hosts%n", proxies, proxies / 50);

        String path = "/api/v1/temperature-proxy/authorized-nodes";
        closedLoopGets(Duration.ofSeconds(5), i -> new String[] {path, tokens[i % proxies], etags[i % proxies]});
        Result notModified = closedLoopGets(RUN, i -> new String[] {path, tokens[i % proxies], etags[i % proxies]});
        Result full = closedLoopGets(RUN, i -> new String[] {path, tokens[i % proxies], null});
        Result floor = closedLoopGets(RUN, i -> new String[] {"/q/health/live", null, null});
        System.out.printf("authorized-nodes 304 (If-None-Match current): %.0f/s, p50 %.2f ms, p99 %.2f ms, "
                + "hub CPU %.3f ms per poll%n", notModified.rate(), notModified.p(50), notModified.p(99),
                notModified.cpuPerRequestMs());
        System.out.printf("authorized-nodes 200 (full list of %d nodes): %.0f/s, p50 %.2f ms, p99 %.2f ms, "
                + "hub CPU %.3f ms per poll%n", proxies / 50, full.rate(), full.p(50), full.p(99),
                full.cpuPerRequestMs());
        System.out.printf("Floor, GET /q/health/live (the HTTP stack, no database): %.0f/s, p50 %.2f ms, p99 %.2f ms, "
                + "hub CPU %.3f ms per request%n", floor.rate(), floor.p(50), floor.p(99), floor.cpuPerRequestMs());
        System.out.printf("Ratios: 304 / 200 hub CPU per poll %.0f%%; 304 / floor %.0f%%%n",
                100 * notModified.cpuPerRequestMs() / full.cpuPerRequestMs(),
                100 * notModified.cpuPerRequestMs() / floor.cpuPerRequestMs());

        Result fixedFloor = fixedRateGets(1000, RUN, i -> new String[] {"/q/health/live", null, null});
        Result fixed304 = fixedRateGets(1000, RUN, i -> new String[] {path, tokens[(int) (i % proxies)],
                etags[(int) (i % proxies)]});
        Result fixed200 = fixedRateGets(1000, RUN, i -> new String[] {path, tokens[(int) (i % proxies)], null});
        System.out.printf("At 1,000 polls/s (open loop), all 304: p50 %.2f ms, p99 %.2f ms, achieved %.0f/s, hub CPU "
                + "%.3f ms per poll%n", fixed304.p(50), fixed304.p(99), fixed304.rate(), fixed304.cpuPerRequestMs());
        System.out.printf("At 1,000 polls/s (open loop), all 200: p50 %.2f ms, p99 %.2f ms, achieved %.0f/s, hub CPU "
                + "%.3f ms per poll; 304 / 200 hub CPU %.0f%%%n", fixed200.p(50), fixed200.p(99), fixed200.rate(),
                fixed200.cpuPerRequestMs(), 100 * fixed304.cpuPerRequestMs() / fixed200.cpuPerRequestMs());
        System.out.printf("Floor at 1,000 requests/s, GET /q/health/live: p50 %.2f ms, p99 %.2f ms, hub CPU %.3f ms "
                + "per request%n", fixedFloor.p(50), fixedFloor.p(99), fixedFloor.cpuPerRequestMs());

        Result fleet = fixedRateGets(1000, RUN, i -> new String[] {path, tokens[(int) (i % proxies)],
                i % 50 == 0 ? null : etags[(int) (i % proxies)]});
        System.out.printf("%d proxies polling at 1,000 polls/s (98%% 304, open loop): p50 %.2f ms, p99 %.2f ms, "
                + "achieved %.0f/s, hub CPU %.3f ms per poll (%.1f%% of one core; at the default 60 s interval "
                + "the same fleet makes %.1f polls/s)%n", proxies, fleet.p(50), fleet.p(99), fleet.rate(),
                fleet.cpuPerRequestMs(), fleet.cpuPerRequestMs() * fleet.rate() / 10, proxies / 60.0);

        // Above, each token comes back within the hub's 2 s credential cache; at the real 60 s interval it never
        // does, so every poll also pays the token lookup. Spacing each token's polls 2.5 s apart shows that cost.
        int spacedRate = Math.max(1, proxies * 2 / 5);
        Result spaced = fixedRateGets(spacedRate, RUN, i -> new String[] {path, tokens[(int) (i % proxies)],
                etags[(int) (i % proxies)]});
        System.out.printf("304 at %d polls/s, each token every 2.5 s (past the credential cache, as at the real "
                + "interval): p50 %.2f ms, p99 %.2f ms, hub CPU %.3f ms per poll%n", spacedRate, spaced.p(50),
                spaced.p(99), spaced.cpuPerRequestMs());
    }

    /** Imports the 12 CasaOS store apps of the hub's tests, one after another: time per app. */
    static void catalogImport() throws Exception {
        Path dir = Path.of("hub/src/test/resources/catalog/casaos");
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(Files::isDirectory).map(d -> d.resolve("docker-compose.yml")).sorted().toList();
        }
        long total = 0;
        long cpu0 = hubCpuNanos();
        for (Path f : files) {
            byte[] yaml = Files.readAllBytes(f);
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                            + "/api/v1/catalog/apps")).header("Authorization", "Bearer " + OPERATOR)
                    .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofByteArray(yaml))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t0;
            if (r.statusCode() != 201) {
                throw new IllegalStateException(f + " answered " + r.statusCode() + ": " + r.body());
            }
            total += took;
            System.out.printf("Catalog import %-14s %6.1f KiB: %6.1f ms%n", f.getParent().getFileName(),
                    yaml.length / 1024.0, took / 1e6);
        }
        System.out.printf("Catalog import: %d CasaOS apps, %.1f ms per app on average (first one includes warm-up), "
                + "hub CPU %.1f ms per app%n", files.size(), total / 1e6 / files.size(),
                (hubCpuNanos() - cpu0) / 1e6 / files.size());
    }

    /**
     * 10,000 controllers (report-only customers with the catalog above) pulling their desired state: 304 (current
     * ETag) against 200 (full state) and the HTTP floor, closed loop; then 100 polls/s, 98% 304, open loop.
     */
    static void desiredStatePolling() throws Exception {
        int controllers = Integer.getInteger("bench.controllers", 10_000);
        String[] keys = new String[controllers];
        String[] etags = new String[controllers];
        ExecutorService setup = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < controllers; i++) {
            int n = i;
            done.add(setup.submit(() -> {
                String id = "ds-" + n;
                post("/api/v1/customers", OPERATOR, "{\"id\":\"" + id + "\",\"name\":\"Customer " + n + "\"}");
                keys[n] = field(post("/api/v1/customers/" + id + "/keys", OPERATOR, "").body(), "key");
                etags[n] = get("/api/v1/desired-state", keys[n]).headers().firstValue("ETag").orElseThrow();
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        setup.shutdown();
        String sample = get("/api/v1/desired-state", keys[0]).body();
        System.out.printf("Desired state: %d controllers, each state %.1f KiB (the catalog of 12 apps)%n", controllers,
                sample.length() / 1024.0);
        String path = "/api/v1/desired-state";
        closedLoopGets(Duration.ofSeconds(5), i -> new String[] {path, keys[i % controllers], etags[i % controllers]});
        Result notModified = closedLoopGets(RUN, i -> new String[] {path, keys[i % controllers],
                etags[i % controllers]});
        Result full = closedLoopGets(RUN, i -> new String[] {path, keys[i % controllers], null});
        Result floor = closedLoopGets(RUN, i -> new String[] {"/q/health/live", null, null});
        System.out.printf("desired-state 304: %.0f/s, p50 %.2f ms, p99 %.2f ms, hub CPU %.3f ms per poll%n",
                notModified.rate(), notModified.p(50), notModified.p(99), notModified.cpuPerRequestMs());
        System.out.printf("desired-state 200: %.0f/s, p50 %.2f ms, p99 %.2f ms, hub CPU %.3f ms per poll%n",
                full.rate(), full.p(50), full.p(99), full.cpuPerRequestMs());
        System.out.printf("Floor, GET /q/health/live: %.0f/s, p50 %.2f ms, p99 %.2f ms, hub CPU %.3f ms per request%n",
                floor.rate(), floor.p(50), floor.p(99), floor.cpuPerRequestMs());
        System.out.printf("Ratios: 304 / 200 hub CPU per poll %.0f%%; 304 / floor %.0f%%%n",
                100 * notModified.cpuPerRequestMs() / full.cpuPerRequestMs(),
                100 * notModified.cpuPerRequestMs() / floor.cpuPerRequestMs());
        Result fleet = fixedRateGets(100, RUN, i -> new String[] {path, keys[(int) (i % controllers)],
                i % 50 == 0 ? null : etags[(int) (i % controllers)]});
        System.out.printf("%d controllers at 100 polls/s (98%% 304, open loop): p50 %.2f ms, p99 %.2f ms, achieved "
                + "%.0f/s, hub CPU %.3f ms per poll (%.1f%% of one core)%n", controllers, fleet.p(50), fleet.p(99),
                fleet.rate(), fleet.cpuPerRequestMs(), fleet.cpuPerRequestMs() * fleet.rate() / 10);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** The hub's resident set (VmRSS from /proc), sampled every 100 ms; stop() gives the peak in KiB. */
    static final class RssSampler {
        private final Thread thread;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile long peakKiB;

        private RssSampler(long pid) {
            thread = new Thread(() -> {
                Path status = Path.of("/proc", Long.toString(pid), "status");
                while (!stopped.get()) {
                    try {
                        for (String line : Files.readAllLines(status)) {
                            if (line.startsWith("VmRSS:")) {
                                peakKiB = Math.max(peakKiB, Long.parseLong(line.replaceAll("\\D", "")));
                            }
                        }
                        Thread.sleep(100);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "bench-rss");
            thread.setDaemon(true);
        }

        static RssSampler start(long pid) {
            RssSampler sampler = new RssSampler(pid);
            sampler.thread.start();
            return sampler;
        }

        long stop() throws InterruptedException {
            stopped.set(true);
            thread.join();
            return peakKiB;
        }
    }

    static long hubCpuNanos() {
        return hubProcess.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Closed loop of GETs; {@code request} gives {path, token or null, If-None-Match or null} for the n-th. */
    static Result closedLoopGets(Duration run, java.util.function.IntFunction<String[]> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicBoolean stop = new AtomicBoolean();
        List<java.util.concurrent.Future<long[]>> futures = new ArrayList<>();
        long cpu0 = hubCpuNanos();
        long start = System.nanoTime();
        for (int t = 0; t < CONCURRENCY; t++) {
            int offset = t;
            futures.add(pool.submit(() -> {
                long[] lat = new long[2_000_000];
                int n = 0;
                try (LightClient client = new LightClient()) {
                    while (!stop.get() && n < lat.length) {
                        String[] r = request.apply(offset + n * CONCURRENCY);
                        long t0 = System.nanoTime();
                        int status = client.get(r[0], r[1], r[2]);
                        if (status != 200 && status != 304) {
                            throw new IllegalStateException(r[0] + " answered " + status);
                        }
                        lat[n++] = System.nanoTime() - t0;
                    }
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        Thread.sleep(run.toMillis());
        stop.set(true);
        List<long[]> parts = new ArrayList<>();
        for (var f : futures) {
            parts.add(f.get());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long cpu = hubCpuNanos() - cpu0;
        pool.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(all.length, elapsed, all, cpu);
    }

    static Result fixedRateGets(int perSecond, Duration run, java.util.function.LongFunction<String[]> request)
            throws Exception {
        return openLoop(perSecond, run, "polls", i -> {
            String[] r = request.apply(i);
            int status = CLIENTS.get().get(r[0], r[1], r[2]);
            return status == 200 || status == 304;
        });
    }

    /** One request of an open-loop run; true when it was answered as expected. */
    interface Send {
        boolean send(long i) throws Exception;
    }

    /**
     * Sends request i at start + i / perSecond whatever the answers' latency (open loop), each latency measured
     * from its scheduled send, and the hub's CPU over the run. Any failed request fails the run.
     */
    static Result openLoop(int perSecond, Duration run, String what, Send send) throws Exception {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        long total = perSecond * run.toSeconds();
        long[] lat = new long[(int) total];
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long intervalNanos = 1_000_000_000L / perSecond;
        long cpu0 = hubCpuNanos();
        long start = System.nanoTime();
        AtomicLong issued = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            long i = issued.getAndIncrement();
            if (i >= total) {
                return;
            }
            long scheduled = start + i * intervalNanos;
            senders.submit(() -> {
                try {
                    if (!send.send(i)) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                lat[(int) i] = System.nanoTime() - scheduled;
                done.incrementAndGet();
            });
        }, 0, intervalNanos, TimeUnit.NANOSECONDS);
        long deadline = System.nanoTime() + run.toNanos() + TimeUnit.SECONDS.toNanos(30);
        while (done.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();
        senders.shutdown();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long cpu = hubCpuNanos() - cpu0;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " " + what + " failed");
        }
        return new Result(done.get(), elapsed, Arrays.copyOf(lat, (int) done.get()), cpu);
    }

    static void sweepOnce(EmbeddedPostgres pg, long customers, String situation) throws Exception {
        Thread.sleep(1500); // statistics are flushed about once a second
        long commitsBefore = commits(pg);
        long t0 = System.nanoTime();
        HttpResponse<String> sweep = post("/api/v1/monitor/sweep", OPERATOR, "");
        double wall = (System.nanoTime() - t0) / 1e6;
        Thread.sleep(1500);
        long commitsDuring = commits(pg) - commitsBefore;
        Matcher raised = Pattern.compile("\"raised\":(\\d+)").matcher(sweep.body());
        Matcher took = Pattern.compile("\"took_ms\":([0-9.]+)").matcher(sweep.body());
        System.out.printf("Sweep over %d customers, %s: %.0f ms in the hub (%.0f ms over HTTP), %s events raised, "
                + "%d database transactions (target <= 1 s, no query per customer)%n", customers, situation,
                took.find() ? Double.parseDouble(took.group(1)) : Double.NaN, wall, raised.find() ? raised.group(1)
                : "?", commitsDuring);
    }

    record Result(long count, Duration elapsed, long[] latenciesNanos, long hubCpuNanos) {
        Result(long count, Duration elapsed, long[] latenciesNanos) {
            this(count, elapsed, latenciesNanos, 0);
        }

        double cpuPerRequestMs() {
            return hubCpuNanos / 1e6 / count;
        }

        double rate() {
            return count / (elapsed.toNanos() / 1e9);
        }

        double p(int percentile) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int idx = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, idx)] / 1e6;
        }
    }

    static Result closedLoopIngest(String[] customers, String[] keys, Duration run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < CONCURRENCY; t++) {
            long[] lat = new long[300_000];
            perThread.add(lat);
            int offset = t;
            futures.add(pool.submit(() -> {
                int n = 0;
                try (LightClient client = new LightClient()) {
                    while (!stop.get()) {
                        int c = (offset + n * CONCURRENCY) % customers.length;
                        long t0 = System.nanoTime();
                        int status = client.post("/api/v1/report", keys[c], report(customers[c]));
                        if (status != 202) {
                            throw new IllegalStateException("ingest answered " + status);
                        }
                        lat[n++] = System.nanoTime() - t0;
                    }
                }
                return n;
            }));
        }
        Thread.sleep(run.toMillis());
        stop.set(true);
        long total = 0;
        List<Long> all = new ArrayList<>();
        for (int t = 0; t < CONCURRENCY; t++) {
            int n = futures.get(t).get();
            total += n;
            for (int i = 0; i < n; i++) {
                all.add(perThread.get(t)[i]);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        return new Result(total, elapsed, all.stream().mapToLong(Long::longValue).toArray());
    }

    static Result rawInserts(EmbeddedPostgres pg, String[] customers, Duration run) throws Exception {
        String sql = """
                INSERT INTO reports (report_id, customer_id, received_at, sent_at, health_status, controller_version,
                                     cpu_percent, memory_percent, disk_percent, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicBoolean stop = new AtomicBoolean();
        List<java.util.concurrent.Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < CONCURRENCY; t++) {
            int offset = t;
            futures.add(pool.submit(() -> {
                long[] lat = new long[300_000];
                int n = 0;
                try (Connection con = pg.getPostgresDatabase().getConnection();
                        PreparedStatement ps = con.prepareStatement(sql)) {
                    while (!stop.get()) {
                        String customer = customers[(offset + n * CONCURRENCY) % customers.length];
                        long t0 = System.nanoTime();
                        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
                        ps.setObject(1, UUID.randomUUID());
                        ps.setString(2, customer);
                        ps.setObject(3, now);
                        ps.setObject(4, now);
                        ps.setString(5, "ok");
                        ps.setString(6, "0.39.1");
                        ps.setDouble(7, 12.5);
                        ps.setDouble(8, 25.0);
                        ps.setDouble(9, 25.0);
                        ps.setString(10, report(customer));
                        ps.executeUpdate();
                        lat[n++] = System.nanoTime() - t0;
                    }
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        Thread.sleep(run.toMillis());
        stop.set(true);
        List<Long> all = new ArrayList<>();
        for (var f : futures) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        return new Result(all.size(), elapsed, all.stream().mapToLong(Long::longValue).toArray());
    }

    static final ThreadLocal<LightClient> CLIENTS = ThreadLocal.withInitial(LightClient::new);

    static Result fixedRateIngest(String[] customers, String[] keys, int perSecond, Duration run) throws Exception {
        return openLoop(perSecond, run, "reports", i -> {
            int c = (int) (i % customers.length);
            CLIENTS.get().post("/api/v1/report", keys[c], report(customers[c]));
            return true;
        });
    }

    /** A realistic report: five apps, two disks, full system block (about 1.5 KB). */
    static String report(String customer) {
        return """
                {"report_id":"%s","customer_id":"%s","controller_version":"0.39.1","sent_at":"%s",
                 "health":{"status":"ok","reasons":[]},"monitoring_enabled":true,
                 "system":{"cpu":{"percent":12.5,"cores":4},"memory":{"total":16537989120,"used":4134497280},
                           "disk":{"total":93900000000,"used":23475000000},
                           "load":{"load1":0.42,"load5":0.37,"load15":0.31},"uptime":324255},
                 "storage":[{"path":"/mnt/data","total":983349346304,"used":8589934592,
                             "smart":{"status":"PASSED","temperature_c":31.0}},
                            {"path":"/mnt/backup","total":1983349346304,"used":98589934592,
                             "smart":{"status":"PASSED","temperature_c":29.0}}],
                 "containers":[{"name":"nextcloud","image":"nextcloud:29","state":"running","health":"healthy"},
                               {"name":"nextcloud-db","image":"postgres:16","state":"running","health":"healthy"},
                               {"name":"immich","image":"immich-server:1.120","state":"running","health":"healthy"},
                               {"name":"immich-ml","image":"immich-ml:1.120","state":"running","health":"healthy"},
                               {"name":"vaultwarden","image":"vaultwarden:1.32","state":"running","health":"healthy"}],
                 "backups":{"last_backup":"2026-06-11T02:00:12Z","last_dbdump":"2026-06-11T01:30:05Z","status":"ok"},
                 "controller_url":"https://%s.example"}""".formatted(UUID.randomUUID(), customer, Instant.now(),
                customer);
    }

    /**
     * A minimal HTTP/1.1 keep-alive client (one socket per load thread), so the load generator costs little CPU
     * next to the hub on the same two cores; the JDK client is used only for setup and single calls.
     */
    static final class LightClient implements AutoCloseable {
        private java.net.Socket socket;
        private java.io.OutputStream out;
        private java.io.BufferedInputStream in;

        int post(String path, String token, String body) throws java.io.IOException {
            if (socket == null) {
                socket = new java.net.Socket("127.0.0.1", PORT);
                socket.setTcpNoDelay(true);
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
            }
            byte[] payload = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            int length = 0;
            for (String h = line(); !h.isEmpty(); h = line()) {
                if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            in.readNBytes(length);
            return code;
        }

        int get(String path, String token, String ifNoneMatch) throws java.io.IOException {
            connect();
            String head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (token == null ? "" : "X-Proxy-Token: " + token + "\r\n")
                    + (ifNoneMatch == null ? "" : "If-None-Match: " + ifNoneMatch + "\r\n") + "\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            return response();
        }

        private void connect() throws java.io.IOException {
            if (socket == null) {
                socket = new java.net.Socket("127.0.0.1", PORT);
                socket.setTcpNoDelay(true);
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
            }
        }

        private int response() throws java.io.IOException {
            int code = Integer.parseInt(line().substring(9, 12));
            int length = 0;
            for (String h = line(); !h.isEmpty(); h = line()) {
                if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).trim());
                } else if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    throw new java.io.IOException("chunked responses are not read by this client");
                }
            }
            in.readNBytes(length);
            return code;
        }

        private String line() throws java.io.IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            if (c == -1) {
                throw new java.io.EOFException("connection closed");
            }
            return sb.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            if (socket != null) {
                socket.close();
            }
        }
    }

    static HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long scalar(EmbeddedPostgres pg, String sql) throws Exception {
        try (Connection con = pg.getPostgresDatabase().getConnection(); Statement st = con.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long commits(EmbeddedPostgres pg) throws Exception {
        return scalar(pg, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }
    /**
     * The dashboard's Fleet page on the same 10,000 customers, with 30,000 more events (50,000 in 24 h): server
     * time of the full page (first of 10 pages of 200 rows), its size compressed, and the in-place table refresh
     * when nothing changed (ETag, 304), beside the GET /api/v1/customers floor measured just before.
     */
    static void dashboardFleet(EmbeddedPostgres pg, double apiMedianMs) throws Exception {
        try (Connection con = pg.getPostgresDatabase().getConnection(); Statement st = con.createStatement()) {
            st.execute("""
                    INSERT INTO events (event_id, customer_id, event_type, severity, message, source, occurred_at,
                                        received_at)
                    SELECT gen_random_uuid(), 'list-' || (g % 9000 + 1), 'disk_space_low',
                           CASE WHEN g % 3 = 0 THEN 'error' ELSE 'warning' END, 'bench', 'controller', now(), now()
                      FROM generate_series(1, 30000) g""");
            st.execute("INSERT INTO operators (name, password_hash, role) VALUES ('bench', '"
                    + io.homefleet.service.web.PasswordHasher.hash("bench password", 4) + "', 'viewer') "
                    + "ON CONFLICT (name) DO NOTHING");
            st.execute("ANALYZE");
        }
        HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                        + "/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=bench&password=bench+password")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        long[] times = new long[53];
        int bytes = 0;
        int compressed = 0;
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/"))
                    .header("Cookie", cookie).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            times[i] = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Fleet page answered " + r.statusCode());
            }
            byte[] raw = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            bytes = raw.length;
            java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
                out.write(raw);
            }
            compressed = gz.size();
        }
        long[] page = Arrays.copyOfRange(times, 3, times.length);
        Arrays.sort(page);
        HttpResponse<String> table = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                + "/?fragment=table")).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        String etag = table.headers().firstValue("ETag").orElseThrow();
        long[] refresh = new long[53];
        int notModified = 0;
        for (int i = 0; i < refresh.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                            + "/?fragment=table")).header("Cookie", cookie).header("If-None-Match", etag).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            refresh[i] = System.nanoTime() - t0;
            if (r.statusCode() == 304) {
                notModified++;
            } else {
                etag = r.headers().firstValue("ETag").orElse(etag); // the minute turned
            }
        }
        long[] unchanged = Arrays.copyOfRange(refresh, 3, refresh.length);
        Arrays.sort(unchanged);
        System.out.printf("Dashboard Fleet page, 10,000 customers and 50,000 events in 24 h (50 runs after 3 warm-ups): "
                        + "p50 %.0f ms, p99 %.0f ms (targets 150 / 400 ms); %d KB HTML, %d KB gzip (target <= 300 KB)%n",
                page[page.length / 2] / 1e6, page[page.length * 99 / 100] / 1e6, bytes / 1024, compressed / 1024);
        System.out.printf("Fleet table refresh, nothing changed (If-None-Match, %d of %d were 304): p50 %.1f ms, "
                        + "p99 %.1f ms (target <= 50 ms)%n", notModified, refresh.length,
                unchanged[unchanged.length / 2] / 1e6, unchanged[unchanged.length * 99 / 100] / 1e6);
        System.out.printf("Floor, GET /api/v1/customers of the same fleet just before: median %.0f ms; Fleet page / "
                + "floor %.2f%n", apiMedianMs, page[page.length / 2] / 1e6 / apiMedianMs);
    }

}
