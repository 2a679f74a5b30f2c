#!/usr/bin/env bash
# One command per scenario: starts the server in its own JVM, runs the scenario in another JVM
# (bench/target/weiliao-bench.jar), stops the server. Results: bench/results/<scenario>/.
#
#   bench/run.sh s0 [bench options]   bare Vert.x echo server (S0 ceiling)
#   bench/run.sh s1|s2|s3|s4 [...]    all-in-one server (embedded Mongo-wire store + embedded Redis)
#   bench/run.sh s5 [...]             S2 at one rate: nginx + 2 gateways (scripts/topology.sh), then all-in-one
#   bench/run.sh s1-cluster [...]     S1 with several gateways and client JVMs (see bench/s1-cluster.sh)
#
# Settings: WEILIAO_JAR (the server jar; default all-in-one/target/weiliao-all-in-one.jar),
# BENCH_PORT (18080), BENCH_SERVER_HEAP (2g), BENCH_CLIENT_HEAP (4g), BENCH_SERVER_OPTS (extra JVM
# options of the server, e.g. -XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile,dumponexit=true:
# a recording started with the JVM; one started later with jcmd (--jfr) perturbs what it measures).
# On a shared machine wrap the call: flock /tmp/weiliao-cpu.lock bench/run.sh s2 ...
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
SCENARIO=${1:?scenario}
shift
BENCH_JAR=$REPO/bench/target/weiliao-bench.jar
SERVER_JAR=${WEILIAO_JAR:-$REPO/all-in-one/target/weiliao-all-in-one.jar}
PORT=${BENCH_PORT:-18080}
CLIENT="java -Xmx${BENCH_CLIENT_HEAP:-4g} -jar $BENCH_JAR"
RUN=/tmp/weiliao-bench-$$
SERVER_PID=

# Generous limits so setup and load are never refused by abuse protection; long token lifetime so
# no socket is closed for an expired token during a run; bcrypt cost 4 so setup is fast.
export WEILIAO_BCRYPT_COST=${WEILIAO_BCRYPT_COST:-4}
export WEILIAO_ACCESS_TOKEN_TTL=${WEILIAO_ACCESS_TOKEN_TTL:-86400}
export WEILIAO_MAX_CONNECTIONS_PER_ADDRESS=${WEILIAO_MAX_CONNECTIONS_PER_ADDRESS:-1000000}
export WEILIAO_REGISTRATIONS_PER_ADDRESS_PER_HOUR=${WEILIAO_REGISTRATIONS_PER_ADDRESS_PER_HOUR:-1000000}
export WEILIAO_CONTACT_REQUESTS_PER_HOUR=${WEILIAO_CONTACT_REQUESTS_PER_HOUR:-1000000}
export WEILIAO_EMBEDDED_PERSIST=${WEILIAO_EMBEDDED_PERSIST:-false}

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
  rm -rf "$RUN"
}
trap stop_server EXIT

wait_for() { # url
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "server did not answer $1" >&2
  exit 1
}

start_all_in_one() {
  mkdir -p "$RUN"
  WEILIAO_HTTP_PORT=$PORT WEILIAO_DATA_DIR=$RUN/data java -Xmx${BENCH_SERVER_HEAP:-2g} ${BENCH_SERVER_OPTS:-} -jar "$SERVER_JAR" \
    > "$RUN/server.log" 2>&1 &
  SERVER_PID=$!
  wait_for "http://127.0.0.1:$PORT/health"
  echo "all-in-one server pid $SERVER_PID on :$PORT"
}

case "$SCENARIO" in
  s0)
    mkdir -p "$RUN"
    java -Xmx${BENCH_SERVER_HEAP:-2g} -jar "$BENCH_JAR" echo-server --port "$PORT" > "$RUN/server.log" 2>&1 &
    SERVER_PID=$!
    sleep 2
    $CLIENT s0 --url "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" "$@"
    ;;
  s1|s2|s3|s4)
    start_all_in_one
    $CLIENT "$SCENARIO" --url "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" "$@"
    ;;
  s5)
    exec "$REPO/bench/s5.sh" "$@"
    ;;
  s1-cluster)
    exec "$REPO/bench/s1-cluster.sh" "$@"
    ;;
  *)
    echo "unknown scenario $SCENARIO" >&2
    exit 2
    ;;
esac
