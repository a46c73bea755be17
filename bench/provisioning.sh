#!/usr/bin/env bash
# Provisioning benchmark: the packaged service, the real hub jar and one real sshd per simulated host (loopback
# addresses 127.0.1.x, stand-in pvecm/systemctl/sensor-proxy). Simulated installers with fixed delays take a warm-up
# round (10 hosts at once), one host, then BENCH_HOSTS hosts at once, from rebuild to ready (wall time beside the one host's and the
# ratio), with the CPU seconds per process group over the many (from /proc/PID/stat) and per host: provisioning's
# own, the hub's, the sshd peers' (the new machines' side), SSH connections and commands per host, and the service
# JVM's CPU by thread kind. Then the answer
# endpoint's p50/p99 under 16 concurrent installers beside GET /q/health/live from the same threads (the floor), and
# the service's CPU per answer.
# Everything it starts is stopped at the end (the JUnit class closes the jars and sshds it started).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_HOSTS=${BENCH_HOSTS:-50}
# The JVM flags docs/provisioning.md gives for the service (C1 only: a LAN service waiting on installers and SSH
# needs no peak-optimised code, and C2's compiling was the largest single CPU cost of a 50-host burst).
export PROVISIONING_JAVA_OPTS=${PROVISIONING_JAVA_OPTS:--XX:TieredStopAtLevel=1}
./mvnw -B -ntp -q -pl common/contracts,common/service-base,hub,provisioning install -DskipTests
./mvnw -B -ntp -pl provisioning failsafe:integration-test failsafe:verify -Dit.test=ProvisioningBench \
  -Dbench.hosts="$BENCH_HOSTS" | grep -E '^provisioning:|^answer endpoint|Tests run:|FAIL' || true
