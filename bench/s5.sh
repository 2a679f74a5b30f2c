#!/usr/bin/env bash
# S5: S2 at one fixed rate through nginx + 2 gateways (scripts/topology.sh: embedded Mongo-wire
# store process, redis-server, user/chat x2/signaling services, 2 gateways, nginx), then the same
# against the all-in-one with the same durable store. Extra arguments go to both S2 runs
# (default: --users 1000 --rates 100).
# Results: bench/results/s5-cluster/ and bench/results/s5-all-in-one/.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
ARGS=("$@")
[ ${#ARGS[@]} -eq 0 ] && ARGS=(--users 1000 --rates 100 --seconds 15 --warmup 3)
export WEILIAO_JAR=${WEILIAO_JAR:-$REPO/all-in-one/target/weiliao-all-in-one.jar}
export WEILIAO_BCRYPT_COST=${WEILIAO_BCRYPT_COST:-4} WEILIAO_ACCESS_TOKEN_TTL=${WEILIAO_ACCESS_TOKEN_TTL:-86400}
export WEILIAO_MAX_CONNECTIONS_PER_ADDRESS=${WEILIAO_MAX_CONNECTIONS_PER_ADDRESS:-1000000}
export WEILIAO_REGISTRATIONS_PER_ADDRESS_PER_HOUR=1000000 WEILIAO_CONTACT_REQUESTS_PER_HOUR=1000000
export WEILIAO_RUN_DIR=${WEILIAO_RUN_DIR:-/tmp/bench-topology}
# Every port of docker-compose.yml's local rule shifted by 11000: nginx on 19080.
export TOPOLOGY_PORT_SHIFT=${TOPOLOGY_PORT_SHIFT:-11000} TOPOLOGY_TURN=off
HTTP_PORT=$((8080 + TOPOLOGY_PORT_SHIFT))
stop_topology() { scripts/topology.sh stop || true; rm -rf "$WEILIAO_RUN_DIR"; }
trap stop_topology EXIT
rm -rf "$WEILIAO_RUN_DIR"
scripts/topology.sh start
GATEWAY_PIDS=$(cut -d' ' -f1 "$WEILIAO_RUN_DIR"/pids/gateway-*.pid | paste -sd,)
java -Xmx4g -jar bench/target/weiliao-bench.jar s2 --url "http://127.0.0.1:$HTTP_PORT" \
  --server-pid "$GATEWAY_PIDS" --results bench/results/s5-cluster "${ARGS[@]}"
stop_topology
trap - EXIT
# The topology's store is the H2 file, committed per write; give the all-in-one the same store.
WEILIAO_EMBEDDED_PERSIST=true BENCH_PORT=${BENCH_PORT:-18080} "$REPO/bench/run.sh" s2 \
  --results bench/results/s5-all-in-one "${ARGS[@]}"
