#!/usr/bin/env bash
# Controller benchmark: the service's RSS after start and after some minutes of reporting, with the JVM flags of the
# container image / systemd unit (docs/controller.md). A small HTTP stand-in takes the reports and events (202) and
# answers the desired-state pull with 404, as a hub without desired state does; reports every 10 s (the shortest
# allowed interval; the default is 15 min), so a few minutes here are many hours of a real controller's reporting.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${CONTROLLER_JAR:-controller/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || ./mvnw -B -ntp -q -pl common/contracts,common/service-base,controller install -DskipTests
MINUTES=${BENCH_MINUTES:-10}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/homefleet-controller-bench.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
HUB_PORT=$(free_port)
WEB_PORT=$(free_port)

cat > "$WORK/hub_standin.py" <<'PY'
# Stand-in for the hub's ingest: counts what it is sent, answers 202; no desired state (404).
import http.server, sys, json
counts = {"report": 0, "event": 0}
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        kind = "report" if self.path == "/api/v1/report" else "event"
        counts[kind] += 1
        self.send_response(202); self.send_header("Content-Type", "application/json"); self.end_headers()
        self.wfile.write(b"{}")
    def do_GET(self):
        if self.path == "/counts":
            body = json.dumps(counts).encode()
            self.send_response(200); self.end_headers(); self.wfile.write(body); return
        self.send_response(404); self.send_header("Content-Type", "application/problem+json"); self.end_headers()
        self.wfile.write(b'{"type":"urn:homefleet:problem:not-found","status":404}')
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$WORK/hub_standin.py" "$HUB_PORT" &
PIDS+=($!)

echo "hfc_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | head -c 43)" > "$WORK/customer.key"
chmod 600 "$WORK/customer.key"
cat > "$WORK/controller.yaml" <<YAML
customer:
  id: bench-customer
  name: Bench
  domain: bench.example
hub:
  url: http://127.0.0.1:$HUB_PORT
  customer_key_file: $WORK/customer.key
  allow_plain_http: true
web:
  listen: 127.0.0.1:$WEB_PORT
intervals:
  report: 10s
  desired_state: 10s
docker:
  socket: $WORK/no-docker.sock
state_dir: $WORK/state
YAML
chmod 600 "$WORK/controller.yaml"

# The JVM settings docs/controller.md gives for the container image and the systemd unit.
JAVA_OPTS=${CONTROLLER_JAVA_OPTS:--Xms8m -Xmx48m -Xmn4m -XX:+UseSerialGC -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=15 -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=24m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:Tier3InvocationThreshold=5000 -XX:Tier3MinInvocationThreshold=2500 -XX:Tier3CompileThreshold=50000 -XX:Tier3BackEdgeThreshold=200000 -Xss512k -XX:MaxDirectMemorySize=16m}
# The class-data archive, made as the image build and the systemd install make it (docs/controller.md).
CDS="$WORK/app-cds.jsa"
# shellcheck disable=SC2086
bash controller/src/main/sh/make-class-archive.sh "$CDS" "$JAR" $JAVA_OPTS
JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$CDS"
START=$(date +%s%N)
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=2 java $JAVA_OPTS -jar "$JAR" --config "$WORK/controller.yaml" --bootstrap "$WORK/none.json" \
  > "$WORK/controller.log" 2>&1 &
CTL_PID=$!
PIDS+=($CTL_PID)
until curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/q/health/live"; do
  kill -0 "$CTL_PID" 2>/dev/null || { cat "$WORK/controller.log"; exit 1; }
  sleep 0.1
done
READY_MS=$(( ($(date +%s%N) - START) / 1000000 ))
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$CTL_PID/status"; }
sleep 5
RSS_START=$(rss)
PEAK=$RSS_START
END=$(( $(date +%s) + MINUTES * 60 ))
while [ "$(date +%s)" -lt "$END" ]; do
  sleep 10
  # the JSON API and health are read too, as the page and a probe would
  curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/api/status"
  curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/q/health/ready"
  NOW=$(rss); [ "$NOW" -gt "$PEAK" ] && PEAK=$NOW
done
RSS_END=$(rss)
COUNTS=$(curl -s "http://127.0.0.1:$HUB_PORT/counts")
READY=$(curl -s "http://127.0.0.1:$WEB_PORT/q/health/ready" | tr -d '\n ' | grep -o '"spool_depth":[0-9]*')
echo "ready (HTTP answering) after ${READY_MS} ms"
echo "RSS after start: ${RSS_START} MiB; after ${MINUTES} min of reporting every 10 s: ${RSS_END} MiB (peak ${PEAK} MiB); target <= 120 MiB"
echo "hub stand-in received: ${COUNTS}; ${READY}"
