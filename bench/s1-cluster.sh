#!/usr/bin/env bash
# S1 beyond one process: one process may hold at most ~19,900 sockets here (open files are capped
# at 20,000 per process, hard), so N connections need N/19k gateways and N/19k client JVMs.
# Starts scripts/topology.sh (the gateways of docker/docker-compose.yml: add gateway-N services
# there for more), then CLIENTS client JVMs one after another,
# each opening PER_CLIENT connections straight to the gateway ports (not through nginx), spread over
# the gateways and over source addresses 127.0.0.(10+k)..; each client measures the gateways' RSS and
# heap before and after its own connections and holds them until the last client is done.
#   CLIENTS=4 PER_CLIENT=12500 bench/s1-cluster.sh      (50k, with three gateways in compose)
# Results: bench/results/s1-cluster/client-<k>/s1/report.md
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
CLIENTS=${CLIENTS:-4}
PER_CLIENT=${PER_CLIENT:-12500}
export WEILIAO_JAR=${WEILIAO_JAR:-$REPO/all-in-one/target/weiliao-all-in-one.jar}
export WEILIAO_BCRYPT_COST=4 WEILIAO_ACCESS_TOKEN_TTL=86400 WEILIAO_MAX_CONNECTIONS_PER_ADDRESS=1000000
export WEILIAO_REGISTRATIONS_PER_ADDRESS_PER_HOUR=1000000 WEILIAO_CONTACT_REQUESTS_PER_HOUR=1000000
export WEILIAO_RUN_DIR=${WEILIAO_RUN_DIR:-/tmp/bench-topology}
export TOPOLOGY_PORT_SHIFT=11000 TOPOLOGY_TURN=off
CLIENT_PIDS=()
cleanup() {
  for pid in "${CLIENT_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  scripts/topology.sh stop || true
  rm -rf "$WEILIAO_RUN_DIR"
}
trap cleanup EXIT
rm -rf "$WEILIAO_RUN_DIR"
scripts/topology.sh start
# The gateways' endpoints and pids as the topology tool recorded them.
URLS=$(grep '^gateway-' "$WEILIAO_RUN_DIR/state/endpoints.properties" | cut -d= -f2 | paste -sd,)
GATEWAYS=$(echo "$URLS" | tr ',' '\n' | wc -l)
PIDS=$(cut -d' ' -f1 "$WEILIAO_RUN_DIR"/pids/gateway-*.pid | paste -sd,)
for k in $(seq 1 "$CLIENTS"); do
  out=bench/results/s1-cluster/client-$k
  rm -rf "$out"
  mkdir -p "$out"
  sources=$(for s in 0 1 2; do printf '127.0.%s.%s,' "$k" "$((10 + s))"; done | sed 's/,$//')
  java -Xmx3g -jar bench/target/weiliao-bench.jar s1 --url "$URLS" --server-pid "$PIDS" \
    --connections "$PER_CLIENT" --users $((PER_CLIENT / 8)) --sources "$sources" --hold 100000 \
    --prefix "1$(date +%s | tail -c 7)$k" --results "$out" > "$out/stdout.log" 2>&1 &
  CLIENT_PIDS+=($!)
  # one table row per gateway once this client has measured them all
  until [ "$(grep -c '^| [0-9]' "$out/stdout.log" 2>/dev/null)" -ge "$GATEWAYS" ]; do
    kill -0 "${CLIENT_PIDS[-1]}" || { cat "$out/stdout.log"; exit 1; }
    sleep 2
  done
  grep '^| ' "$out/stdout.log"
done
echo "all $((CLIENTS * PER_CLIENT)) connections open over $GATEWAYS gateways"
for i in $(seq 1 "$GATEWAYS"); do
  pid=$(cut -d' ' -f1 "$WEILIAO_RUN_DIR/pids/gateway-$i.pid")
  echo "gateway-$i pid $pid RSS $(grep VmRSS /proc/$pid/status) fds $(ls /proc/$pid/fd | wc -l)"
done
