#!/usr/bin/env bash
# One command per scenario: starts the server in its own JVM, runs the scenario in another JVM
# (bench/target/weiliao-bench.jar), stops the server. Results: bench/results/<scenario>/.
#
#   bench/run.sh s0 [bench options]   bare Vert.x echo server (S0 ceiling)
#   bench/run.sh s1|s2|s3|s4 [...]    all-in-one server (embedded Mongo-wire store + embedded Redis)
#   bench/run.sh hostile [--attackers 200 --users 1000 --rate 500 --seconds 20 --rss-bound-mib 256]
#                                     all-in-one: S2 pair traffic without, then with attacking sockets (deflate
#                                     bombs, PING floods, bogus ES256 tokens, slowloris); honest p50/p99 and the
#                                     server's RSS and heap side by side. Results: <results>/hostile/
#                                     (BENCH_ATTACK_CORES=X: the attackers' threads capped at X cores)
#   bench/run.sh moments [--contacts 5000 --moments 100000]  Moments' timeline reads and post fan-out, once
#                                     per store (BENCH_STORES, default "memory always"), a fresh server each.
#                                     Results: <results>/moments/<store>/
#   bench/run.sh s5 [...]             S2 at one rate: nginx + 2 gateways (scripts/topology.sh), then all-in-one
#   bench/run.sh s1-cluster [...]     S1 with several gateways and client JVMs (see bench/s1-cluster.sh)
#   bench/run.sh s2-stores [s2 options]  S2 once per store, a fresh server each: in memory, durable with
#                                     WEILIAO_EMBEDDED_FSYNC=always, durable with everysec (BENCH_STORES=
#                                     "memory always everysec"). Results: <results>/s2-stores/<store>/ and
#                                     <results>/s2-stores/summary.md (side by side, ratios to memory, file sizes)
#   bench/run.sh soak [--rate 1500 --minutes 12 --messages 1000000 --users 1000 --max-minutes 30]
#                                     durable store (fsync per WEILIAO_EMBEDDED_FSYNC): sends until both
#                                     --minutes and --messages are reached, samples mongo.mv every 10 s; then
#                                     SIGTERM, the file against a compacted copy (live data), restart times and
#                                     heap. Results: <results>/soak/ (BENCH_KEEP_DATA=DIR: a copy of the store)
#   bench/run.sh restart --data-dir DIR [--report FILE]  the soak's restart alone on a fresh copy of a
#                                     kept store: /health, first login, first history read, heap
#
# Settings: WEILIAO_JAR (the server jar; default all-in-one/target/weiliao-all-in-one.jar),
# BENCH_PORT (18080), BENCH_SERVER_HEAP (2g), BENCH_CLIENT_HEAP (4g), BENCH_SERVER_OPTS (extra JVM
# options of the server, e.g. -XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile,dumponexit=true:
# a recording started with the JVM; one started later with jcmd (--jfr) perturbs what it measures).
# WEILIAO_EMBEDDED_PERSIST (false: the store in memory; s2-stores and soak set their own) and
# WEILIAO_EMBEDDED_FSYNC (always | everysec) go to the server.
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
export WEILIAO_MOMENTS_POSTS_PER_HOUR=${WEILIAO_MOMENTS_POSTS_PER_HOUR:-100000000}

stop_server() { # SIGTERM: the server closes its store; SIGKILL only after 30 s
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
clean_up() { stop_server; rm -rf "$RUN"; }
trap clean_up EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

results_root() { # the --results value among the arguments, else bench/results
  local root=bench/results
  while [ $# -gt 1 ]; do [ "$1" = --results ] && root=$2; shift; done
  echo "$root"
}

wait_for() { # url
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "server did not answer $1" >&2
  exit 1
}

launch_all_in_one() { # in the background, data in $RUN/data
  mkdir -p "$RUN"
  WEILIAO_HTTP_PORT=$PORT WEILIAO_DATA_DIR=$RUN/data java -Xmx${BENCH_SERVER_HEAP:-2g} ${BENCH_SERVER_OPTS:-} -jar "$SERVER_JAR" \
    >> "$RUN/server.log" 2>&1 &
  SERVER_PID=$!
}

start_all_in_one() {
  launch_all_in_one
  wait_for "http://127.0.0.1:$PORT/health"
  echo "all-in-one server pid $SERVER_PID on :$PORT (persist $WEILIAO_EMBEDDED_PERSIST, fsync ${WEILIAO_EMBEDDED_FSYNC:-always})"
}

use_store() { # memory | always | everysec: sets the server's environment and STORE_LABEL for titles
  case "$1" in
    memory) export WEILIAO_EMBEDDED_PERSIST=false; unset WEILIAO_EMBEDDED_FSYNC; STORE_LABEL="in memory" ;;
    always|everysec) export WEILIAO_EMBEDDED_PERSIST=true WEILIAO_EMBEDDED_FSYNC=$1; STORE_LABEL="durable, fsync $1" ;;
    *) echo "unknown store $1 (memory, always, everysec)" >&2; exit 2 ;;
  esac
}

file_bytes() { if [ -f "$1" ]; then stat -c %s "$1"; else echo 0; fi; }

# S2 once per store, each against a fresh server on an empty data dir; then the summary.
s2_stores() {
  local root stores=${BENCH_STORES:-memory always everysec}
  root=$(results_root "$@")/s2-stores
  for store in $stores; do
    use_store "$store"
    rm -rf "$RUN/data"
    start_all_in_one
    $CLIENT s2 --url "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" "$@" --results "$root" \
      --report-name "$store" --store "$STORE_LABEL" || echo "s2 against store $store failed" >&2
    local at_end; at_end=$(file_bytes "$RUN/data/mongo.mv")
    stop_server
    if [ "$store" != memory ]; then
      printf 'fileBytesAtEnd=%s\nfileBytesAfterStop=%s\n' "$at_end" "$(file_bytes "$RUN/data/mongo.mv")" \
        > "$root/$store/store.properties"
    fi
  done
  $CLIENT s2-stores-summary --results "$root" --stores "$stores"
}

millis_until() { # url [curl options...]: polls every 50 ms, prints ms since $T0
  local url=$1; shift
  for _ in $(seq 1 2400); do
    curl -fs -o /dev/null "$@" "$url" && { echo $(( $(now_ms) - T0 )); return 0; }
    sleep 0.05
  done
  echo "no answer from $url" >&2
  echo "?"
}

# Starts the server on $RUN/data and times, from process start, /health 200, a login and a history
# read (the probe user and conversation come from a restart-probe.env the soak wrote).
time_restart() { # probe env file; sets HEALTH_MS LOGIN_MS HISTORY_MS
  local token
  # shellcheck disable=SC1090
  source "$1"
  T0=$(now_ms); launch_all_in_one
  HEALTH_MS=$(millis_until "http://127.0.0.1:$PORT/health")
  LOGIN_MS=$(millis_until "http://127.0.0.1:$PORT/api/auth/login" -X POST -H 'Content-Type: application/json' -d "$PROBE_LOGIN")
  token=$(curl -fs -X POST -H 'Content-Type: application/json' -d "$PROBE_LOGIN" "http://127.0.0.1:$PORT/api/auth/login" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
  HISTORY_MS=$(millis_until "http://127.0.0.1:$PORT/api/conversations/$PROBE_CONVERSATION/messages" \
    -H "Authorization: Bearer $token")
}

# BENCH_ATTACK_CORES=X: the hostile scenario's attacking threads run in a cgroup (v1 cpu controller)
# with a quota of X cores, so that their own CPU does not come out of the server's, as if they ran on
# machines of their own. Prints the client option, or nothing.
attack_cgroup() {
  [ -n "${BENCH_ATTACK_CORES:-}" ] || return 0
  local dir=/sys/fs/cgroup/cpu/weiliao-bench-attackers
  mkdir -p "$dir"
  echo 100000 > "$dir/cpu.cfs_period_us"
  awk -v c="$BENCH_ATTACK_CORES" 'BEGIN { printf "%d\n", c * 100000 }' > "$dir/cpu.cfs_quota_us"
  echo "--attack-cgroup $dir"
}

# After the soak's load: SIGTERM, the file against a compacted copy (its live data), restart on the
# same data dir timed from process start to /health, a login and a history read, then the heap.
# BENCH_KEEP_DATA=DIR keeps a copy of the stopped store (with its probe) for `restart`.
soak_restart() { # report dir
  local dir=$1 file=$RUN/data/mongo.mv T0 stop_ms stopped live
  T0=$(now_ms); stop_server; stop_ms=$(( $(now_ms) - T0 ))
  stopped=$(file_bytes "$file")
  if [ -n "${BENCH_KEEP_DATA:-}" ]; then
    mkdir -p "$BENCH_KEEP_DATA" && cp -a "$RUN/data/." "$BENCH_KEEP_DATA/" && cp "$dir/restart-probe.env" "$BENCH_KEEP_DATA/"
  fi
  cp "$file" "$RUN/live.mv"
  java -cp "$SERVER_JAR" org.h2.mvstore.MVStoreTool -compact "$RUN/live.mv" || rm -f "$RUN/live.mv"
  live=$(file_bytes "$RUN/live.mv"); rm -f "$RUN/live.mv" # 0: the compaction failed
  time_restart "$dir/restart-probe.env"
  $CLIENT soak-restart --report "$dir/report.md" --server-pid "$SERVER_PID" --store "durable, fsync ${WEILIAO_EMBEDDED_FSYNC:-always}" \
    --stop-ms "$stop_ms" --stopped-bytes "$stopped" --live-bytes "$live" --health-ms "$HEALTH_MS" --login-ms "$LOGIN_MS" \
    --history-ms "$HISTORY_MS"
}

# A restart alone, on a fresh copy of a kept store (BENCH_KEEP_DATA of a soak), so two builds open
# the same bytes: the soak's restart rows, appended to --report; the server's log beside it.
restart_copy() { # --data-dir DIR [--report FILE]
  local data report=$RUN/restart-report.md T0
  while [ $# -gt 0 ]; do
    case "$1" in
      --data-dir) data=$2; shift 2 ;;
      --report) report=$2; shift 2 ;;
      *) echo "unknown option $1 (--data-dir DIR, --report FILE)" >&2; exit 2 ;;
    esac
  done
  export WEILIAO_EMBEDDED_PERSIST=true
  mkdir -p "$RUN/data" && cp -a "${data:?--data-dir}/." "$RUN/data/" && touch "$report"
  time_restart "$data/restart-probe.env"
  $CLIENT soak-restart --report "$report" --server-pid "$SERVER_PID" --store "durable, fsync ${WEILIAO_EMBEDDED_FSYNC:-always}" \
    --stopped-bytes "$(file_bytes "$RUN/data/mongo.mv")" --health-ms "$HEALTH_MS" --login-ms "$LOGIN_MS" --history-ms "$HISTORY_MS"
  cp "$RUN/server.log" "${report%.md}.server.log"
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
  hostile)
    start_all_in_one
    $CLIENT hostile --url "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" $(attack_cgroup) "$@"
    ;;
  s2-stores)
    s2_stores "$@"
    ;;
  moments)
    for store in ${BENCH_STORES:-memory always}; do
      use_store "$store"
      rm -rf "$RUN/data"
      start_all_in_one
      $CLIENT moments --url "http://127.0.0.1:$PORT" "$@" --results "$(results_root "$@")/moments" \
        --report-name "$store" --store "$STORE_LABEL" || echo "moments against store $store failed" >&2
      stop_server
    done
    ;;
  soak)
    export WEILIAO_EMBEDDED_PERSIST=true
    start_all_in_one
    $CLIENT soak --url "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" --data-dir "$RUN/data" \
      --store "durable, fsync ${WEILIAO_EMBEDDED_FSYNC:-always}" "$@"
    soak_restart "$(results_root "$@")/soak"
    ;;
  restart)
    restart_copy "$@"
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
