#!/usr/bin/env bash
# Provisioning benchmark: the packaged service, the real hub jar and one real sshd per simulated host (loopback
# addresses 127.0.1.x, stand-in pvecm/systemctl/sensor-proxy). Simulated installers take a warm-up round
# (BENCH_HOSTS hosts at once, short delays), one host, then BENCH_HOSTS hosts at once, from rebuild to ready (wall
# time beside the one host's and the ratio), with the CPU seconds per process group over the many (from
# /proc/PID/stat) and per host: provisioning's own, the hub's, the sshd peers' (the new machines' side), SSH
# connections and commands per host. Three runs:
#   1. compressed delays (boot 0.5 s, install 3 s, reboot 1 s): what the two cores cost when 50 installs end in
#      the same second; then the answer endpoint's p50/p99 under 16 concurrent installers beside
#      GET /q/health/live from the same threads (the floor), and the service's CPU per answer;
#   2. longer delays (boot 5 s, install 30 s, reboot 10 s — still about a tenth of a real PXE boot, Proxmox install
#      and first reboot), the ratio the issue's target is about;
#   3. the same with the service limited to one join worker: the control run, showing that joins done one after
#      another would fail the target.
# Everything it starts is stopped at the end (the JUnit class closes the jars and sshds it started).
# BENCH_RUNS picks runs (default "1 2 3").
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_HOSTS=${BENCH_HOSTS:-50}
BENCH_RUNS=${BENCH_RUNS:-1 2 3}
# The JVM flags docs/provisioning.md gives for the service (C1 only: a LAN service waiting on installers and SSH
# needs no peak-optimised code, and C2's compiling was the largest single CPU cost of a 50-host burst).
export PROVISIONING_JAVA_OPTS=${PROVISIONING_JAVA_OPTS:--XX:TieredStopAtLevel=1}
./mvnw -B -ntp -q -pl common/contracts,common/service-base,hub,provisioning install -DskipTests
LONGER="-Dbench.bootMs=5000 -Dbench.installMs=30000 -Dbench.rebootMs=10000 -Dbench.answers=0"
for run in $BENCH_RUNS; do
  case $run in
    1) opts="" ; echo "provisioning run 1: compressed delays" ;;
    2) opts="$LONGER" ; echo "provisioning run 2: longer delays" ;;
    3) opts="$LONGER -Dbench.serviceWorkers=1" ; echo "provisioning run 3: longer delays, one join worker (control)" ;;
  esac
  # shellcheck disable=SC2086
  ./mvnw -B -ntp -pl provisioning failsafe:integration-test failsafe:verify -Dit.test=ProvisioningBench \
    -Dbench.hosts="$BENCH_HOSTS" $opts | grep -E '^provisioning:|^answer endpoint|Tests run:|FAIL' || true
done
