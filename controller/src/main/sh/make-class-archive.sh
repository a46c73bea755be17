#!/usr/bin/env bash
# Makes the controller's class-data archive (AppCDS): one training start of this JDK and jar with a throwaway
# controller.yaml (a hub that is not there, no agent, no Docker), stopped once it has served its pages; at exit the
# JVM writes the classes it loaded to ARCHIVE. Every later start with -XX:SharedArchiveFile=ARCHIVE maps them instead
# of parsing them again (about 5 MiB less RSS, a faster start). Run it again after a JDK or controller upgrade: a
# stale archive is ignored by the JVM (with a warning), which then starts without any class sharing.
#
# usage: make-class-archive.sh ARCHIVE JAR [JAVA OPTIONS...]   (the options the service runs with)
set -euo pipefail
ARCHIVE=$1
JAR=$2
shift 2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/homefleet-controller-cds.XXXXXX")
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$(( 20000 + RANDOM % 20000 ))
# a syntactically valid customer key that no hub knows
echo "hfc_trainingtrainingtrainingtrainingtrainingtra" > "$WORK/customer.key"
chmod 600 "$WORK/customer.key"
cat > "$WORK/controller.yaml" <<YAML
customer:
  id: class-archive-training
  name: Training
  domain: training.example
hub:
  url: http://127.0.0.1:9
  customer_key_file: $WORK/customer.key
  allow_plain_http: true
web:
  listen: 127.0.0.1:$PORT
docker:
  socket: $WORK/no-docker.sock
state_dir: $WORK/state
YAML
chmod 600 "$WORK/controller.yaml"
rm -f "$ARCHIVE"
java "$@" -XX:ArchiveClassesAtExit="$ARCHIVE" -Dhomefleet.web.session-key-file="$WORK/web-session.key" \
  -jar "$JAR" --config "$WORK/controller.yaml" --bootstrap "$WORK/none.json" > "$WORK/training.log" 2>&1 &
PID=$!
get() {  # bash's /dev/tcp: no curl needed in a slim image
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
  cat <&3 > /dev/null
  exec 3<&-
}
for _ in $(seq 1 600); do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/training.log" >&2; exit 1; }
  get /q/health/live 2>/dev/null && break
  sleep 0.2
done
for path in / /apps /monitor /backups /settings /api/status /api/config /q/health/ready /q/openapi; do get "$path"; done
kill "$PID"
wait "$PID" 2>/dev/null || true
PID=""
[ -s "$ARCHIVE" ] || { echo "no class-data archive was written" >&2; cat "$WORK/training.log" >&2; exit 1; }
echo "class-data archive written: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
