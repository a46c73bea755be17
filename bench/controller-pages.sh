#!/usr/bin/env bash
# Controller web UI benchmark: page render latency (p50/p99) with 20 concurrent users, each sending requests back to
# back over its own keep-alive connection, beside the floor GET /q/health/live on the same server in the same run.
# Starts its own controller (JVM) with a throwaway controller.yaml (the hub and agent are absent: the pages render
# the core's own report and link states), and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${CONTROLLER_JAR:-controller/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || ./mvnw -B -ntp -q -pl common/contracts,common/service-base,controller install -DskipTests
WORK=$(mktemp -d "${TMPDIR:-/tmp}/homefleet-controller-pages-bench.XXXXXX")
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
USERS=${USERS:-20}
REQUESTS=${REQUESTS:-250}   # per user and page
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT=$(free_port)
NO_HUB=$(free_port)
echo "hfc_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | head -c 43)" > "$WORK/customer.key"
chmod 600 "$WORK/customer.key"
cat > "$WORK/controller.yaml" <<YAML
customer:
  id: bench
  name: Bench Kft.
  domain: bench.example
hub:
  url: http://127.0.0.1:$NO_HUB
  customer_key_file: $WORK/customer.key
  allow_plain_http: true
web:
  listen: 127.0.0.1:$PORT
docker:
  socket: $WORK/no-docker.sock
state_dir: $WORK/state
YAML
chmod 600 "$WORK/controller.yaml"
java -Xmx96m -Dhomefleet.web.session-key-file="$WORK/state/web-session.key" \
  -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 \
  -jar "$JAR" --config "$WORK/controller.yaml" --bootstrap "$WORK/none.json" > "$WORK/controller.log" 2>&1 &
PID=$!
until curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/live"; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/controller.log"; exit 1; }
  sleep 0.2
done

cat > "$WORK/PagesLoad.java" <<'JAVA'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/** N users, each with its own keep-alive connection, each sending M GETs back to back; p50/p99 in ms, req/s. */
public class PagesLoad {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int users = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        HttpRequest request = HttpRequest.newBuilder(url).header("Accept", "text/html").build();
        HttpClient warm = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 300; i++) {  // JIT warm-up, not measured
            warm.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long[] latencies = new long[users * requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(users);
        CyclicBarrier ready = new CyclicBarrier(users);
        long[] start = new long[1];
        for (int u = 0; u < users; u++) {
            new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                try {
                    client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (ready.await() == 0) {
                        start[0] = System.nanoTime();
                    }
                    for (int i = 0; i < requests; i++) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        latencies[next.getAndIncrement()] = System.nanoTime() - t0;
                        if (r.statusCode() != 200 || r.body().length == 0) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double seconds = (System.nanoTime() - start[0]) / 1e9;
        long[] measured = Arrays.copyOf(latencies, next.get());
        Arrays.sort(measured);
        System.out.printf("%-18s p50 %6.2f ms  p99 %6.2f ms  %7.0f req/s  failures %d%n", url.getPath(),
                measured[measured.length / 2] / 1e6, measured[(int) (measured.length * 0.99)] / 1e6,
                measured.length / seconds, failures.get());
    }
}
JAVA
RSS=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PID/status")
echo "controller pages: $USERS users, $REQUESTS requests each, back to back (RSS after start: $RSS MiB)"
# CPU seconds of the controller's JVM (utime+stime from /proc/PID/stat) per 1,000 requests, beside the latency: it
# does not depend on what else runs on the machine, so page vs floor compares what a page costs.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
HZ=$(getconf CLK_TCK)
# One silent round over every path first, so the JIT has compiled what each path runs before anything is measured.
for path in /q/health/live / /monitor /settings; do
  java -Xmx128m "$WORK/PagesLoad.java" "http://127.0.0.1:$PORT$path" "$USERS" "$(( REQUESTS / 2 + 1 ))" > /dev/null
done
for path in /q/health/live / /monitor /settings /q/health/live; do
  BEFORE=$(cpu_ticks)
  LINE=$(java -Xmx128m "$WORK/PagesLoad.java" "http://127.0.0.1:$PORT$path" "$USERS" "$REQUESTS")
  AFTER=$(cpu_ticks)
  # the load tool's 300 warm-up and USERS connection-opening requests count too
  TOTAL=$(( USERS * REQUESTS + 300 + USERS ))
  printf '%s  CPU %5.1f ms/1000 req\n' "$LINE" "$(echo "($AFTER - $BEFORE) * 1000000 / $HZ / $TOTAL" | bc -l)"
done
echo "RSS after load: $(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PID/status") MiB"
