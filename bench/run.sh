#!/usr/bin/env bash
# make bench: builds the runnable apps, then runs every service's benchmark (bench/<service>.sh) in turn.
# Each prints its figures beside their floor measured in the same run; docs/benchmarks.md keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests install
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1)"
for bench in bench/*.sh; do
  [ "$(basename "$bench")" = run.sh ] && continue
  echo
  echo "== $(basename "$bench" .sh) =="
  bash "$bench"
done
