#!/usr/bin/env bash
# Sensor proxy benchmark. Starts the daemon (JVM, the systemd unit's flags from docs/sensor-proxy.md) and a real
# OpenSSH sshd listening on 20 loopback addresses whose forced command answers after DELAY seconds, then measures:
#  - socket RPC latency of a cached get_temperature (one request per connection), interleaved with a bare
#    Unix-socket echo round trip in the same client process (the floor), and the ratio;
#  - a 20-node get_temperatures sweep over reused SSH sessions, total time vs DELAY;
#  - the daemon's RSS after start.
# Everything it starts is stopped by PID at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=sensor-proxy/target/quarkus-app/quarkus-run.jar
BENCH_CLASSES=sensor-proxy/target/test-classes
if [ ! -f "$JAR" ] || [ ! -f "$BENCH_CLASSES/io/homefleet/sensorproxy/bench/SocketBench.class" ]; then
  ./mvnw -B -ntp -q -pl common/contracts,common/service-base,sensor-proxy install -DskipTests
fi
REQUESTS=${REQUESTS:-5000}
DELAY=${DELAY:-0.5}
ROUNDS=${ROUNDS:-5}
NODES=20
JAVA_OPTS=${JAVA_OPTS:-"-Xms16m -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=80m -Xss512k -XX:CICompilerCount=1"}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/homefleet-sensor-proxy-bench.XXXXXX")
chmod 755 "$WORK"
SSHD_PIDS=""
PROXY_PID=""
# sshd runs forced commands through the login shell; this machine's root ~/.bashrc costs ~0.2 s per command, which
# would be measured instead of the proxy. The nodes' user is therefore a throwaway system user with /bin/sh.
NODE_USER=hf-bench-$$
useradd --system --no-create-home --home-dir / --shell /bin/sh --password "*" "$NODE_USER"  # "*": no password, yet not locked
cleanup() {
  for pid in $PROXY_PID $SSHD_PIDS; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
  # The user goes last: userdel refuses while a session process of it still exits.
  for _ in $(seq 1 100); do userdel "$NODE_USER" 2>"$WORK/userdel.err" && break; sleep 0.1; done
  [ -s "$WORK/userdel.err" ] && cat "$WORK/userdel.err" >&2
  [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
SSH_PORT=$(free_port)
MGMT_PORT=$(free_port)

# The nodes: 20 loopback addresses on two sshd instances (sshd listens on at most 16 sockets each), one port,
# forced command = delay + a sensors -j sample.
mkdir -p /run/sshd "$WORK/sshd"
ssh-keygen -q -t ed25519 -N "" -f "$WORK/sshd/host_ed25519"
for half in 1 2; do
  {
    echo "Port $SSH_PORT"
    for i in $(seq $(( (half - 1) * NODES / 2 + 1 )) $(( half * NODES / 2 ))); do echo "ListenAddress 127.0.0.$i"; done
    cat <<CFG
HostKey $WORK/sshd/host_ed25519
PidFile $WORK/sshd/sshd-$half.pid
AuthorizedKeysFile $WORK/sshd/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 100:30:200
AllowUsers $NODE_USER
CFG
  } > "$WORK/sshd/sshd_config-$half"
done
FIXTURE=$(cd ../shared/fixtures/sensors && pwd)/monitoring-coretemp-pkg-2cores-nvme.json

# The proxy: relaxed rate limit (one client sends thousands of requests), 1 s cache, the 20 nodes allowed.
cat > "$WORK/config.yaml" <<YAML
node_name: bench-local
socket_path: $WORK/sp.sock
state_dir: $WORK/state
audit_log: $WORK/audit.jsonl
allowed_nodes_file: $WORK/allowed_nodes.yaml
allowed_nodes: [$(seq -s, -f "127.0.0.%g" 1 $NODES)]
metrics_address: 127.0.0.1:$MGMT_PORT
sensors_command: [cat, $FIXTURE]
cache_ttl: 1s
rate_limit: {per_peer_interval_ms: 1, per_peer_burst: 1000000}
ssh:
  user: $NODE_USER
  port: $SSH_PORT
  connect_timeout: 10s
  command_timeout: 10s
  proxmox_known_hosts_file: ""
YAML

LINE=$(java -jar "$JAR" keys authorized-line --config "$WORK/config.yaml" --from 127.0.0.0/8 2>/dev/null \
  | sed "s#command=\"sensors -j\"#command=\"sleep $DELAY; cat $FIXTURE\"#")
echo "$LINE" > "$WORK/sshd/authorized_keys"
for half in 1 2; do
  /usr/sbin/sshd -D -e -f "$WORK/sshd/sshd_config-$half" 2> "$WORK/sshd/sshd-$half.log" &
  SSHD_PIDS="$SSHD_PIDS $!"
done
for addr in 127.0.0.1 127.0.0.$NODES; do
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/$addr/$SSH_PORT") 2>/dev/null && break; sleep 0.05; done
done


java $JAVA_OPTS -jar "$JAR" --config "$WORK/config.yaml" > "$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
for _ in $(seq 1 200); do
  curl -fs "http://127.0.0.1:$MGMT_PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$PROXY_PID" 2>/dev/null || { cat "$WORK/proxy.log"; exit 1; }
  sleep 0.1
done
RSS_START=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PROXY_PID/status")

echo "Socket RPC: $REQUESTS cached get_temperature calls, one connection each, interleaved with the echo floor"
java -cp "$BENCH_CLASSES" io.homefleet.sensorproxy.bench.SocketBench rpc "$WORK/sp.sock" "$REQUESTS" | tee "$WORK/rpc.txt"
echo
echo "Sweep: get_temperatures over $NODES nodes (+ this host), node delay ${DELAY}s, the first sweep after start, then $ROUNDS more"
# Rounds are spaced beyond the 1 s cache so every sweep really reaches every node.
java -cp "$BENCH_CLASSES" -Dbench.pause.ms=1200 io.homefleet.sensorproxy.bench.SocketBench sweep "$WORK/sp.sock" "$ROUNDS" | tee "$WORK/sweep.txt"
RSS_END=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PROXY_PID/status")
echo
P50=$(awk '/^sweep_p50_ms/ {print $2}' "$WORK/sweep.txt")
awk -v p="$P50" -v d="$DELAY" 'BEGIN { printf "sweep_over_delay %.2f\n", p / (d * 1000) }'
echo "rss_after_start_mib $RSS_START"
echo "rss_after_bench_mib $RSS_END"
echo "jvm_flags $JAVA_OPTS"
if [ -n "${HOLD:-}" ]; then echo "holding: $WORK"; sleep "$HOLD"; fi
