package io.homefleet.provisioning.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Installer;
import io.homefleet.provisioning.support.JoinSetup;
import io.homefleet.provisioning.support.ProvisioningJar;
import io.homefleet.provisioning.support.StandInHost;
import io.homefleet.provisioning.support.TestConfigFiles;
import io.homefleet.provisioning.support.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * make bench (bench/provisioning.sh): the packaged service, the real hub jar and one real sshd per host (stand-in
 * pvecm, systemctl, sensor-proxy) on its own loopback address. Simulated installers with fixed delays (boot, install,
 * reboot: {@code bench.bootMs}, {@code bench.installMs}, {@code bench.rebootMs}) take first one host (after a warm-up
 * round of {@code bench.warmupHosts} hosts at once, with short delays), then {@code bench.hosts} hosts at once, from
 * rebuild to {@code ready} ({@code bench.serviceWorkers} overrides the service's join workers for a control run): the wall time of the many beside the one's, and the CPU seconds each process group spent on the many
 * ({@link ProcessCpu}; the sshd peers stand for separate machines, so their CPU is reported apart from
 * provisioning's). One observer lists the hosts every 100 ms to see them settle. Then the answer endpoint's latency under concurrent installers, beside the floor of
 * {@code GET /q/health/live} from the same threads. Not a test: it is run by name only (-Dit.test=ProvisioningBench).
 */
class ProvisioningBench {
    static final int HOSTS = Integer.getInteger("bench.hosts", 50);
    static final int WARMUP = Integer.getInteger("bench.warmupHosts", HOSTS);
    /** What the simulated installer waits for: PXE boot to the answer request, the install, the reboot. */
    record Delays(long bootMs, long installMs, long rebootMs) {
        long totalMs() {
            return bootMs + installMs + rebootMs;
        }
    }

    static final Delays TIMED = new Delays(Long.getLong("bench.bootMs", 500), Long.getLong("bench.installMs", 3000),
            Long.getLong("bench.rebootMs", 1000));
    /** The warm-up round only has to run every path once per host; its waits are kept short. */
    static final Delays WARMUP_DELAYS = new Delays(100, 500, 100);
    /**
     * Join workers of the service under test ({@code homefleet.provisioning.lifecycle.workers}); 1 is the control run
     * that shows the bench notices joins done one after another.
     */
    static final String WORKERS = System.getProperty("bench.serviceWorkers", "");
    static final int ANSWERS = Integer.getInteger("bench.answers", 1000);
    static final ObjectMapper JSON = new ObjectMapper();
    static final TomlMapper TOML = new TomlMapper();
    // HTTP/1.1 as the installer's own clients speak it (iPXE, proxmox-fetch-answer, curl in the first-boot script);
    // the JDK client's default, an h2c upgrade, costs both sides more CPU per request than what is simulated.
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(16)).build();
    static String base;

    @Test
    void manyHostsAtOnceBesideOne() throws Exception {
        new TestConfigFiles().start();
        int sshPort = StandInHost.freePort();
        int port = StandInHost.freePort();
        base = "http://127.0.0.1:" + port;
        List<StandInHost> peers = new ArrayList<>();
        try (TestHub hub = new TestHub(TestConfigFiles.dir().resolve("hub")).start()) {
            hub.issueProvisioningKey(TestConfigFiles.dir().resolve("provisioning.key"));
            TestConfigFiles.write(TestConfigFiles.config(hub.url(), sshPort, JoinSetup.NEW_HOST), TestConfigFiles.SERVER_TYPES);
            try (ProvisioningJar service = new ProvisioningJar(TestConfigFiles.dir().resolve("data"),
                    TestConfigFiles.configFile(), port, serviceProperties())) {
                service.start();
                for (int i = 0; i < WARMUP + 1 + HOSTS; i++) {
                    peers.add(new StandInHost(TestConfigFiles.dir().resolve("peers").resolve("p" + i),
                            "127.0.1." + (i + 1), sshPort).start());
                }
                Map<String, Long> answerNanos = new ConcurrentHashMap<>();
                // A round of hosts at once warms the JVMs up (class loading, the JIT compiling what a burst runs, the
                // first SSH handshakes, the database pool), so that both timed runs meet a warm service.
                run(peers.subList(0, WARMUP), "warmup", WARMUP_DELAYS, answerNanos); // a prefix of its own length: own MACs
                long one = run(peers.subList(WARMUP, WARMUP + 1), "one", TIMED, answerNanos);
                answerNanos.clear();
                Map<Long, String> roots = new HashMap<>();
                peers.forEach(p -> roots.put(p.pid(), "sshd peers (sshd, login shells, stand-in commands)"));
                Function<String, String> groups = groups(TestConfigFiles.dir());
                long servicePid = ProcessCpu.pidOf(groups, "provisioning JVM");
                Map<String, Double> before = ProcessCpu.snapshot(groups, roots);
                Map<String, Double> threadsBefore = ProcessCpu.threads(servicePid);
                long many = run(peers.subList(WARMUP + 1, WARMUP + 1 + HOSTS), "many", TIMED, answerNanos);
                Map<String, Double> cpu = ProcessCpu.delta(before, ProcessCpu.snapshot(groups, roots));
                Map<String, Double> threads = ProcessCpu.delta(threadsBefore, ProcessCpu.threads(servicePid));
                System.out.printf("provisioning: 1 host rebuild->ready %.2f s; %d hosts at once %.2f s; ratio %.2f "
                                + "(simulated boot %d ms, install %d ms, reboot %d ms; join workers %s)%n", one / 1e9,
                        HOSTS, many / 1e9, (double) many / one, TIMED.bootMs(), TIMED.installMs(), TIMED.rebootMs(),
                        WORKERS.isEmpty() ? "as configured (64)" : WORKERS);
                printCpu(cpu, peers.subList(WARMUP + 1, WARMUP + 1 + HOSTS), many);
                StringBuilder byThread = new StringBuilder("provisioning: the provisioning JVM's CPU seconds over the "
                        + HOSTS + "-host run by thread kind:");
                threads.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .forEach(e -> byThread.append(String.format(" %s %.2f;", e.getKey(), e.getValue())));
                System.out.println(byThread);
                if (ANSWERS > 0) {
                    answerLatency(groups, roots);
                }
            }
        } finally {
            peers.forEach(StandInHost::close);
        }
    }

    static List<String> serviceProperties() {
        List<String> properties = new ArrayList<>(List.of("homefleet.provisioning.lifecycle.tick=200ms"));
        if (!WORKERS.isEmpty()) {
            properties.add("homefleet.provisioning.lifecycle.workers=" + WORKERS);
        }
        return properties;
    }

    /**
     * Groups by command line, among this bench's own processes only (another run on the machine must not count): the
     * two JVMs by their jar, each embedded PostgreSQL by its data directory under this run's directory.
     */
    static Function<String, String> groups(Path testDir) {
        String hubDir = testDir.resolve("hub").toString();
        String dataDir = testDir.resolve("data").toString();
        return cmdline -> {
            if (cmdline.contains("bin/postgres ") && cmdline.contains(" -D ")) {
                return cmdline.contains(hubDir) ? "PostgreSQL of the hub"
                        : cmdline.contains(dataDir) ? "PostgreSQL of provisioning" : null;
            }
            if (!cmdline.contains(testDir.toString())) {
                return null;
            }
            if (cmdline.contains("/provisioning/target/quarkus-app/")) {
                return "provisioning JVM";
            }
            if (cmdline.contains("/hub/target/quarkus-app/")) {
                return "hub JVM";
            }
            return null;
        };
    }

    /**
     * CPU seconds of the many-host run per process group, and per host: provisioning's own (its JVM and database)
     * apart from the peers' (each sshd stands for a separate machine with its own CPU) and the hub's.
     */
    static void printCpu(Map<String, Double> cpu, List<StandInHost> peers, long wallNanos) {
        int n = peers.size();
        double connections = peers.stream().mapToLong(StandInHost::connections).sum() / (double) n;
        double commands = peers.stream().mapToLong(p -> p.commands().size()).sum() / (double) n;
        StringBuilder line = new StringBuilder("provisioning: CPU seconds over the " + n + "-host run ("
                + String.format("%.1f", wallNanos / 1e9) + " s wall, 2 cores = "
                + String.format("%.0f", 2 * wallNanos / 1e9) + " CPU s):");
        cpu.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> line.append(String.format(" %s %.1f;", e.getKey(), e.getValue())));
        System.out.println(line);
        double own = cpu.getOrDefault("provisioning JVM", 0.0) + cpu.getOrDefault("PostgreSQL of provisioning", 0.0);
        double hub = cpu.getOrDefault("hub JVM", 0.0) + cpu.getOrDefault("PostgreSQL of the hub", 0.0);
        double peer = cpu.getOrDefault("sshd peers (sshd, login shells, stand-in commands)", 0.0);
        System.out.printf("provisioning: CPU per host: provisioning itself (JVM + its PostgreSQL) %.3f s; hub (JVM + "
                        + "its PostgreSQL) %.3f s; the host's side (sshd peer) %.3f s; per host %.1f SSH connections, "
                        + "%.1f commands (exec channels, one shell each)%n", own / n, hub / n, peer / n, connections,
                commands);
    }

    /** Rebuilds every peer's host at once and waits until all are ready; answers the wall time in ns. */
    static long run(List<StandInHost> peers, String prefix, Delays delays, Map<String, Long> answerNanos)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(peers.size());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            String id = prefix + "-" + i;
            String mac = String.format("52:54:01:%02x:00:%02x", prefix.length(), i);
            send("POST", "/api/v1/hosts", "{\"hostname\":\"" + id + "\",\"mac\":\"" + mac
                    + "\",\"server_type\":\"minisforum-ms-01\"}", 201);
            ids.add(id + " " + mac);
        }
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            StandInHost peer = peers.get(i);
            String[] host = ids.get(i).split(" ");
            done.add(threads.submit(() -> {
                installer(host[0], host[1], peer, delays, answerNanos);
                return null;
            }));
        }
        Map<String, String> states = awaitSettled(ids.stream().map(h -> h.split(" ")[0]).toList(), done);
        long wall = System.nanoTime() - start;
        threads.shutdown();
        states.forEach((id, state) -> assertEquals("ready", state, "every host reaches ready (" + id + ")"));
        return wall;
    }

    /**
     * One observer for all hosts (as one dashboard would be): lists the hosts every 100 ms until each of {@code ids}
     * is ready or failed, so that waiting does not put load of its own on the service per host. Answers each final
     * state.
     */
    static Map<String, String> awaitSettled(List<String> ids, List<Future<?>> installers) throws Exception {
        Map<String, String> settled = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (settled.size() < ids.size() && System.nanoTime() < deadline) {
            for (Future<?> f : installers) {
                if (f.isDone()) {
                    f.get(); // an installer's failure (a refused request) ends the run with its message
                }
            }
            for (JsonNode host : JSON.readTree(send("GET", "/api/v1/hosts", null, 200))) {
                String id = host.get("id").asText();
                String state = host.get("state").asText();
                if (ids.contains(id) && (state.equals("ready") || state.equals("failed"))) {
                    settled.putIfAbsent(id, state);
                }
            }
            if (settled.size() < ids.size()) {
                Thread.sleep(100);
            }
        }
        ids.forEach(id -> settled.putIfAbsent(id, "not settled within 10 minutes"));
        return settled;
    }

    static void installer(String id, String mac, StandInHost peer, Delays delays, Map<String, Long> answerNanos)
            throws Exception {
        send("POST", "/api/v1/hosts/" + id + "/rebuild", null, 200);
        send("GET", "/ipxe/" + mac, null, 200);
        Thread.sleep(delays.bootMs());
        long t0 = System.nanoTime();
        String toml = sendPublic("POST", "/api/boot/answer", Installer.systemInfo(mac), 200);
        answerNanos.put(id, System.nanoTime() - t0);
        JsonNode answer = TOML.readTree(toml);
        peer.authorize(answer.at("/global/root-ssh-keys/0").asText());
        String token = answer.at("/post-installation-webhook/auth-token").asText();
        Thread.sleep(delays.installMs());
        sendPublic("POST", "/api/hosts/" + id + "/installed", Installer.webhookBody(id + ".lab", peer.hostPublicKey(),
                peer.address(), token), 200);
        Thread.sleep(delays.rebootMs());
        sendPublic("GET", Installer.path(answer.at("/first-boot/url").asText()), null, 200);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/hosts/" + id + "/phone-home"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ip\":\"" + peer.address()
                        + "\",\"machine_id\":\"0123456789abcdef0123456789abcdef\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** {@code bench.answers} answers from 16 threads for hosts in installing, beside as many health probes. */
    static void answerLatency(Function<String, String> groups, Map<Long, String> roots) throws Exception {
        List<String> macs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "answer-" + i;
            String mac = String.format("52:54:02:00:00:%02x", i);
            send("POST", "/api/v1/hosts", "{\"hostname\":\"" + id + "\",\"mac\":\"" + mac
                    + "\",\"server_type\":\"minisforum-ms-01\"}", 201);
            send("POST", "/api/v1/hosts/" + id + "/rebuild", null, 200);
            macs.add(mac);
        }
        for (int round = 0; round < 2; round++) { // the first round warms both paths up
            Map<String, Double> before = ProcessCpu.snapshot(groups, roots);
            List<Long> answers = Collections.synchronizedList(new ArrayList<>());
            List<Long> probes = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = thread; i < ANSWERS; i += 16) {
                        long t0 = System.nanoTime();
                        sendPublic("POST", "/api/boot/answer", Installer.systemInfo(macs.get(i % macs.size())), 200);
                        answers.add(System.nanoTime() - t0);
                        long t1 = System.nanoTime();
                        sendPublic("GET", "/q/health/live", null, 200);
                        probes.add(System.nanoTime() - t1);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
            Map<String, Double> cpu = ProcessCpu.delta(before, ProcessCpu.snapshot(groups, roots));
            if (round == 1) {
                System.out.printf("answer endpoint (%d answers, 16 concurrent installers): p50 %.1f ms, p99 %.1f ms; "
                                + "floor GET /q/health/live same threads: p50 %.1f ms, p99 %.1f ms; p99 ratio %.1f%n",
                        answers.size(), pct(answers, 50), pct(answers, 99), pct(probes, 50), pct(probes, 99),
                        pct(answers, 99) / pct(probes, 99));
                System.out.printf("answer endpoint: CPU per answer and probe pair: provisioning JVM %.2f ms, its "
                                + "PostgreSQL %.2f ms; bench JVM (the 16 clients) %.2f ms%n",
                        1000 * cpu.getOrDefault("provisioning JVM", 0.0) / answers.size(),
                        1000 * cpu.getOrDefault("PostgreSQL of provisioning", 0.0) / answers.size(),
                        1000 * cpu.getOrDefault("bench JVM (simulated installers)", 0.0) / answers.size());
            }
        }
    }

    static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + Api.OPERATOR)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String sendPublic(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
