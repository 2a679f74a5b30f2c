#!/usr/bin/env bash
# The embedded Redis's append-only file under a day of churn, compressed: the Redis binary the
# all-in-one jar ships, started with the all-in-one's settings (EmbeddedStores.startRedis), and
# redis-benchmark writing what Weiliao writes to Redis (presence and heartbeat keys with TTLs,
# rate-limit counters, refresh-token rotations) over a bounded key space, round after round.
# After each round: commands so far, AOF bytes, live keys, used memory.
#
#   bench/redis-aof.sh [rounds (10)] [commands per round (2000000)]
# Needs redis-benchmark and redis-cli (Debian: redis-tools). Results: bench/results/redis-aof/report.md
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${1:-10}
PER_ROUND=${2:-2000000}
JAR=${WEILIAO_JAR:-$REPO/all-in-one/target/weiliao-all-in-one.jar}
PORT=${BENCH_REDIS_PORT:-16399}
RUN=$(mktemp -d /tmp/weiliao-redis-aof.XXXXXX)
OUT=$REPO/bench/results/redis-aof
mkdir -p "$OUT" "$RUN/data"
trap 'redis-cli -p $PORT shutdown nosave >/dev/null 2>&1 || true; rm -rf "$RUN"' EXIT

unzip -q -o -d "$RUN" "$JAR" redis-server-6.2.6-v5-linux-amd64
chmod +x "$RUN/redis-server-6.2.6-v5-linux-amd64"
# The same settings as EmbeddedStores.startRedis with a data directory.
"$RUN/redis-server-6.2.6-v5-linux-amd64" --port "$PORT" --bind 127.0.0.1 --save "" --protected-mode yes \
  --dir "$RUN/data" --appendonly yes --appendfsync everysec \
  --auto-aof-rewrite-percentage 100 --auto-aof-rewrite-min-size 64mb --daemonize yes \
  --logfile "$RUN/redis.log"
until redis-cli -p "$PORT" ping >/dev/null 2>&1; do sleep 0.1; done

churn() { # one round: a quarter each of presence, heartbeat, rate limit and refresh writes
  local n=$(( PER_ROUND / 4 ))
  redis-benchmark -p "$PORT" -q -r 100000 -n "$n" SET presence:__rand_int__ gw-1 EX 60 >/dev/null
  redis-benchmark -p "$PORT" -q -r 16 -n "$n" SET node:__rand_int__ alive PX 3000 >/dev/null
  redis-benchmark -p "$PORT" -q -r 100000 -n "$n" EVAL \
    "local c = redis.call('INCR', KEYS[1]); if c == 1 then redis.call('EXPIRE', KEYS[1], 60) end; return c" \
    1 rl:search:__rand_int__ >/dev/null
  redis-benchmark -p "$PORT" -q -r 100000 -n "$n" SET login:__rand_int__ rotated EX 2592000 >/dev/null
}

{
  echo "# Embedded Redis AOF under churn ($(date -u +%F), $(nproc) cores)"
  echo
  echo "Redis 6.2.6 as shipped in the all-in-one jar, appendonly yes, appendfsync everysec,"
  echo "auto-aof-rewrite-percentage 100, auto-aof-rewrite-min-size 64mb. $PER_ROUND writes per round."
  echo
  echo "| round | writes so far | AOF MB | keys | used memory MB | AOF rewrites so far |"
  echo "| --- | --- | --- | --- | --- | --- |"
} > "$OUT/report.md"
for round in $(seq 1 "$ROUNDS"); do
  churn
  aof=$(stat -c %s "$RUN/data/appendonly.aof")
  keys=$(redis-cli -p "$PORT" dbsize)
  used=$(redis-cli -p "$PORT" info memory | awk -F: '/^used_memory:/ {print $2}' | tr -d '\r')
  rewrites=$(grep -c 'Background AOF rewrite finished successfully' "$RUN/redis.log" || true)
  awk -v r="$round" -v w=$(( round * PER_ROUND )) -v a="$aof" -v k="$keys" -v u="$used" -v x="$rewrites" \
    'BEGIN { printf "| %d | %d | %.1f | %d | %.1f | %d |\n", r, w, a / 1e6, k, u / 1e6, x }' | tee -a "$OUT/report.md"
done
