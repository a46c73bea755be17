#!/usr/bin/env bash
# Agent benchmark: GET /host/metrics p50/p99 under 50 concurrent callers over the local API's TLS, beside the floor
# (GET /q/health/live on the same server, same TLS, same callers), and the daemon's RSS after start and after load.
# Starts its own agent (JVM) with a throwaway agent.yaml and the pvesh stand-in, and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=agent/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -B -ntp -q -pl common/contracts,common/service-base,agent install -DskipTests
WORK=$(mktemp -d "${TMPDIR:-/tmp}/homefleet-agent-bench.XXXXXX")
AGENT_PID=""
cleanup() {
  if [ -n "$AGENT_PID" ] && kill -0 "$AGENT_PID" 2>/dev/null; then kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
CALLERS=${CALLERS:-50}
REQUESTS=${REQUESTS:-200}   # per caller
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

mkdir -p "$WORK/pvesh-standin-state" "$WORK/state"
cp agent/src/test/resources/proxmox/pvesh-standin "$WORK/pvesh-standin"
chmod 700 "$WORK/pvesh-standin"
cat > "$WORK/pvesh-standin-state/state.json" <<JSON
{"node":"pve","storage_config":[{"storage":"local","type":"dir","path":"/var/lib/vz","content":"backup,iso,vztmpl"},
 {"storage":"local-lvm","type":"lvmthin","content":"images,rootdir"}],
 "storage_status":[{"storage":"local","type":"dir","content":"backup,iso,vztmpl","total":100000000000,"used":12000000000,"avail":88000000000,"active":1,"enabled":1,"shared":0},
 {"storage":"local-lvm","type":"lvmthin","content":"images,rootdir","total":800000000000,"used":40000000000,"avail":760000000000,"active":1,"enabled":1,"shared":0}],
 "archives":{},"containers":{}}
JSON
echo "hfh_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | head -c 43)" > "$WORK/host.key"
cat > "$WORK/agent.yaml" <<YAML
hub:
  url: http://127.0.0.1:9
  host_id: bench-host
  host_key_file: $WORK/host.key
local_api:
  listen_addr: 127.0.0.1:$PORT
state_dir: $WORK/state
proxmox:
  node: pve
  pvesh: $WORK/pvesh-standin
sensor_proxy:
  socket: $WORK/no-sensor-proxy.sock
YAML

START=$(date +%s%N)
# The JVM settings docs/agent.md recommends for the systemd unit.
JAVA_OPTS=${AGENT_JAVA_OPTS:--Xms8m -Xmx48m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=24m -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxDirectMemorySize=16m}
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --config "$WORK/agent.yaml" > "$WORK/agent.log" 2>&1 &
AGENT_PID=$!
until curl -sk -o /dev/null "https://127.0.0.1:$PORT/q/health/live"; do
  kill -0 "$AGENT_PID" 2>/dev/null || { cat "$WORK/agent.log"; exit 1; }
  sleep 0.1
done
READY_MS=$(( ($(date +%s%N) - START) / 1000000 ))
# The java launcher is the daemon itself (no wrapper), so its RSS is the agent's.
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$AGENT_PID/status"; }
RSS_START=$(rss)
TOKEN=$(java -jar "$JAR" tokens mint --vmid 9999 --config "$WORK/agent.yaml")

cat > "$WORK/LocalApiLoad.java" <<'JAVA'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * N callers, each with its own keep-alive connection, each sending M requests: back to back (rate 0, saturation), or
 * paced at a fixed rate per caller (latency measured from each request's scheduled time, so queueing counts).
 * Prints p50 and p99 in ms, achieved req/s and failures.
 */
public class LocalApiLoad {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        int callers = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        double perCallerRate = Double.parseDouble(args[4]);
        TrustManager trustAll = new X509TrustManager() {  // benchmark only: the figure is latency, not trust
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            public void checkServerTrusted(X509Certificate[] c, String a) { }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trustAll}, null);
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm(null);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
        long[] latencies = new long[callers * requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        // Warm-up: JIT and connection set-up are not what is measured.
        HttpClient warm = HttpClient.newBuilder().sslContext(tls).sslParameters(params).version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 500; i++) {
            warm.send(request, HttpResponse.BodyHandlers.discarding());
        }
        CountDownLatch done = new CountDownLatch(callers);
        java.util.concurrent.CyclicBarrier connected = new java.util.concurrent.CyclicBarrier(callers);
        long[] startedAt = new long[1];
        for (int c = 0; c < callers; c++) {
            final long offset = (long) (c * (perCallerRate > 0 ? 1e9 / perCallerRate / callers : 0));
            Thread t = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().sslContext(tls).sslParameters(params)
                        .version(HttpClient.Version.HTTP_1_1).build();
                try {
                    // Each caller opens its connection (TLS handshake) before measuring, as a long-lived controller has.
                    client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (connected.await() == 0) {
                        startedAt[0] = System.nanoTime();
                    }
                    long begin = System.nanoTime() + offset;
                    for (int i = 0; i < requests; i++) {
                        long t0 = System.nanoTime();
                        if (perCallerRate > 0) {
                            t0 = begin + (long) (i * 1e9 / perCallerRate);
                            long wait = t0 - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies[next.getAndIncrement()] = System.nanoTime() - t0;
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - startedAt[0]) / 1e9;
        int n = next.get();
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("%.2f %.2f %.0f %d%n", sorted[n / 2] / 1e6, sorted[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6,
                n / seconds, failures.get());
    }
}
JAVA

RATE=${RATE:-10}   # requests per second per caller in the paced run
run_load() { java -Xmx256m "$WORK/LocalApiLoad.java" "https://127.0.0.1:$PORT$1" "$TOKEN" "$CALLERS" "$REQUESTS" "$2"; }
read -r FLOOR_P50 FLOOR_P99 FLOOR_RPS FLOOR_FAIL < <(run_load /q/health/live 0)
read -r M_P50 M_P99 M_RPS M_FAIL < <(run_load /host/metrics 0)
read -r PF_P50 PF_P99 PF_RPS PF_FAIL < <(run_load /q/health/live "$RATE")
read -r PM_P50 PM_P99 PM_RPS PM_FAIL < <(run_load /host/metrics "$RATE")
RSS_AFTER=$(rss)
ratio() { python3 -c "print(f'{$1/$2:.1f}')"; }

echo "agent ready after ${READY_MS} ms (JVM, first start includes TLS certificate generation)"
echo "callers: $CALLERS concurrent, $REQUESTS requests each, TLS keep-alive, load generator on the same machine"
printf "%-52s %8s %8s %8s %6s\n" "run" "p50 ms" "p99 ms" "req/s" "errors"
printf "%-52s %8s %8s %8s %6s\n" "saturation, floor: GET /q/health/live" "$FLOOR_P50" "$FLOOR_P99" "$FLOOR_RPS" "$FLOOR_FAIL"
printf "%-52s %8s %8s %8s %6s\n" "saturation: GET /host/metrics" "$M_P50" "$M_P99" "$M_RPS" "$M_FAIL"
printf "%-52s %8s %8s %8s %6s\n" "paced ${RATE}/s per caller, floor: GET /q/health/live" "$PF_P50" "$PF_P99" "$PF_RPS" "$PF_FAIL"
printf "%-52s %8s %8s %8s %6s\n" "paced ${RATE}/s per caller: GET /host/metrics" "$PM_P50" "$PM_P99" "$PM_RPS" "$PM_FAIL"
echo "/host/metrics vs floor: saturation p99 x$(ratio "$M_P99" "$FLOOR_P99"), paced p99 x$(ratio "$PM_P99" "$PF_P99")   (target p99 <= 20 ms)"
echo "RSS: ${RSS_START} MiB after start, ${RSS_AFTER} MiB after load   (target <= 150 MiB)"
