#!/usr/bin/env bash
# Hub benchmark: ingest vs raw JDBC inserts, p99 at a fixed rate, the 10,000-customer list, the 100,000-customer
# sweep. Starts its own embedded PostgreSQL and a hub against it; both are stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -Xmx1g -Dslf4j.internal.verbosity=ERROR ${BENCH_OPTS:-} -cp "hub/target/quarkus-app/lib/main/*" bench/HubBench.java "$@"
