#!/usr/bin/env bash
# The clustered Weiliao topology as plain processes on 127.0.0.1 (what docker/docker-compose.yml
# runs in containers):
#
#   mongo          embedded MongoDB-wire store (chat.weiliao.allinone.EmbeddedMongoMain) :27117
#   redis          Debian's redis-server, AOF on (appendfsync everysec)                    :6479
#   turn           coturn's turnserver if installed (use-auth-secret)                       :3478
#   user-service-1                         Hazelcast :5701
#   chat-service-1, chat-service-2         Hazelcast :5702, :5703
#   signaling-service-1                    Hazelcast :5704
#   moments-service-1                      Hazelcast :5705
#   gateway-1, gateway-2                   Hazelcast :5706, :5707; HTTP 127.0.0.1:8081, :8082
#   nginx          127.0.0.1:8080 -> the gateways (docker/nginx.conf, local includes)
#
# Usage:
#   scripts/topology.sh start          start everything; returns once /health is 200 through nginx
#   scripts/topology.sh stop           SIGTERM by pid file, front to back; SIGKILL after a timeout
#   scripts/topology.sh status         exit 0: all up; 3: nothing runs; 1: something died
#   scripts/topology.sh restart NAME   stop one component and start it again (rolling restarts,
#                                      drills); a service node is back once its /health is 200
#   scripts/topology.sh install-jar    copy WEILIAO_JAR into the run directory for the next
#                                      (re)starts; running processes keep the jar they started with
#   scripts/topology.sh nginx-conf DIR write DIR/nginx.conf and its local includes (weiliao/)
#
# Settings (environment; 'start' records them in the run directory and the other commands reuse
# the recorded values):
#   WEILIAO_RUN_DIR   jar copy, keys, data, logs, pids (default /tmp/weiliao-topology)
#   WEILIAO_JAR       jar to run (default all-in-one/target/weiliao-all-in-one.jar), copied into
#                     the run directory at start, so a rebuild never changes what runs
#   WEILIAO_MONGO_URI set: use that MongoDB and start no embedded one
#   WEILIAO_REDIS_URL set: use that Redis and start no redis-server
#   TOPOLOGY_HTTP_PORT (8080) TOPOLOGY_GATEWAY_PORTS ("8081 8082") TOPOLOGY_MONGO_PORT (27117)
#   TOPOLOGY_REDIS_PORT (6479) TOPOLOGY_TURN (auto|on|off) TOPOLOGY_TURN_PORT (3478)
#   TOPOLOGY_TURN_RELAY_MIN/MAX (49160/49200) TOPOLOGY_CLUSTER_PORT (5701, first of seven)
#   TOPOLOGY_HEALTH_PORT (8091: node N's own GET /health on 8091+N, WEILIAO_HEALTH_PORT)
#   TOPOLOGY_CLUSTER_NAME (weiliao-topology) TOPOLOGY_START_TIMEOUT (180 s)
#   TOPOLOGY_STOP_TIMEOUT (45 s per tier before SIGKILL); JAVA NGINX REDIS_SERVER TURNSERVER
# Any other WEILIAO_* variable set by the caller (e.g. WEILIAO_BCRYPT_COST) reaches every service.
# Delete the run directory (while stopped) to start from scratch.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NGINX_CONF="$REPO/docker/nginx.conf"
RUN_DIR=${WEILIAO_RUN_DIR:-${TMPDIR:-/tmp}/weiliao-topology}
RUN_DIR=${RUN_DIR%/}
JAR_SOURCE=${WEILIAO_JAR:-$REPO/all-in-one/target/weiliao-all-in-one.jar}
START_TIMEOUT=${TOPOLOGY_START_TIMEOUT:-180}
STOP_TIMEOUT=${TOPOLOGY_STOP_TIMEOUT:-45}
PIDS="$RUN_DIR/pids"
LOGS="$RUN_DIR/logs"
KEYS="$RUN_DIR/keys"
JAR="$RUN_DIR/weiliao.jar"
SETTINGS="$RUN_DIR/state/settings.sh"
COMMAND=${1:-}

# The settings a run was started with. 'start' takes them from the environment and records them;
# every other command reads the record, so ports and stores always match what is running.
HTTP_PORT=${TOPOLOGY_HTTP_PORT:-8080}
GATEWAY_PORTS_WORDS=${TOPOLOGY_GATEWAY_PORTS:-8081 8082}
MONGO_PORT=${TOPOLOGY_MONGO_PORT:-27117}
REDIS_PORT=${TOPOLOGY_REDIS_PORT:-6479}
TURN_MODE=${TOPOLOGY_TURN:-auto}
TURN_PORT=${TOPOLOGY_TURN_PORT:-3478}
TURN_RELAY_MIN=${TOPOLOGY_TURN_RELAY_MIN:-49160}
TURN_RELAY_MAX=${TOPOLOGY_TURN_RELAY_MAX:-49200}
CLUSTER_PORT=${TOPOLOGY_CLUSTER_PORT:-5701}
HEALTH_PORT=${TOPOLOGY_HEALTH_PORT:-8091}
CLUSTER_NAME=${TOPOLOGY_CLUSTER_NAME:-weiliao-topology}
EXTERNAL_MONGO_URI=${WEILIAO_MONGO_URI:-}
EXTERNAL_REDIS_URL=${WEILIAO_REDIS_URL:-}
JAVA=${JAVA:-java}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
REDIS_SERVER=${REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}
TURNSERVER=${TURNSERVER:-$(command -v turnserver || echo /usr/bin/turnserver)}
RECORDED=(HTTP_PORT GATEWAY_PORTS_WORDS MONGO_PORT REDIS_PORT TURN_MODE TURN_PORT TURN_RELAY_MIN
  TURN_RELAY_MAX CLUSTER_PORT HEALTH_PORT CLUSTER_NAME EXTERNAL_MONGO_URI EXTERNAL_REDIS_URL JAVA NGINX
  REDIS_SERVER TURNSERVER)
if [ "$COMMAND" != start ] && [ -f "$SETTINGS" ]; then
  # shellcheck source=/dev/null
  . "$SETTINGS"
fi
read -r -a GATEWAY_PORTS <<< "$GATEWAY_PORTS_WORDS"

# Small heaps, the serial collector and C1 only: seven JVMs on one developer machine.
# The --add-* flags are the ones Hazelcast asks for (without them it warns and runs slower).
JVM_OPTS=(-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
  --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED)

MONGO_MAIN=chat.weiliao.allinone.EmbeddedMongoMain
# Service nodes in start order: name, main class. The first one starts alone (it becomes the
# Hazelcast master the others join; nodes starting at the same instant could form two clusters).
NODES=(
  "user-service-1 chat.weiliao.user.UserServiceMain"
  "chat-service-1 chat.weiliao.chat.ChatServiceMain"
  "chat-service-2 chat.weiliao.chat.ChatServiceMain"
  "signaling-service-1 chat.weiliao.signaling.SignalingServiceMain"
  "moments-service-1 chat.weiliao.moments.MomentsServiceMain"
)
for i in "${!GATEWAY_PORTS[@]}"; do
  NODES+=("gateway-$((i + 1)) chat.weiliao.gateway.GatewayMain")
done
# Stop order, one tier at a time: the front first, the stores last.
STOP_TIERS=("nginx" "gateway-*" "moments-service-* signaling-service-* chat-service-* user-service-*" "turn" "redis mongo")

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { fail "$*"; }

STARTING=false
# Fails the command; during 'start', first stops whatever this start launched.
fail() {
  printf 'topology: %s\n' "$*" >&2
  if $STARTING; then
    STARTING=false
    echo "topology: start failed; stopping what was started" >&2
    stop_all >&2 || true
  fi
  exit 1
}

# ---------------------------------------------------------------------------------------------
# nginx: docker/nginx.conf as it is, plus this run's side of what differs (weiliao/*.conf)

# Workers run as nobody when nginx is started by root, so they need to reach the temp directory.
searchable_by_all() {
  local dir=$1
  while [ "$dir" != "/" ] && [ -n "$dir" ]; do
    [ -e "$dir" ] || { dir=$(dirname "$dir"); continue; }
    [[ $(stat -c %A "$dir") == *[xt] ]] || return 1   # others may search ('t': sticky, like /tmp)
    dir=$(dirname "$dir")
  done
}

# write_local_nginx DIR: DIR/nginx.conf (a copy of docker/nginx.conf) and DIR/weiliao/*.conf
# (127.0.0.1, this run's ports, paths under DIR).
write_local_nginx() {
  local dir=$1 port
  mkdir -p "$dir/weiliao" "$dir/temp"
  cp "$NGINX_CONF" "$dir/nginx.conf"
  {
    echo "# Written by scripts/topology.sh for a local run."
    if [ "$(id -u)" = 0 ]; then
      if searchable_by_all "$dir"; then
        echo "user nobody $(id -gn nobody);"
      else
        echo "user root;  # $dir is not searchable by nobody; workers run as root (local use only)"
      fi
    fi
    echo "pid $dir/nginx.pid;"
  } > "$dir/weiliao/main.conf"
  {
    echo "client_body_temp_path $dir/temp/client_temp;"
    echo "proxy_temp_path       $dir/temp/proxy_temp;"
    echo "fastcgi_temp_path     $dir/temp/fastcgi_temp;"
    echo "uwsgi_temp_path       $dir/temp/uwsgi_temp;"
    echo "scgi_temp_path        $dir/temp/scgi_temp;"
    echo "proxy_cache_path      $dir/temp/health_cache levels=1 keys_zone=weiliao_health:1m max_size=1m"
    echo "                      inactive=10s use_temp_path=off;"
  } > "$dir/weiliao/paths.conf"
  for port in "${GATEWAY_PORTS[@]}"; do
    echo "server 127.0.0.1:$port max_fails=0;"
  done > "$dir/weiliao/gateways.conf"
  echo "listen 127.0.0.1:$HTTP_PORT;" > "$dir/weiliao/listen.conf"
}

# ---------------------------------------------------------------------------------------------
# processes

pid_file() { echo "$PIDS/$1.pid"; }

# The pid of a component if it runs and is ours (its command line names the run directory, so a
# recycled pid is never signalled); empty otherwise.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -f "$file" ] || return 0
  pid=$(cat "$file" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  [ -r "/proc/$pid/cmdline" ] || return 0
  if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$RUN_DIR"; then
    echo "$pid"
  fi
}

# Every component that has a pid file, in stop order.
known_components() {
  local tier pattern file name patterns
  for tier in "${STOP_TIERS[@]}"; do
    read -r -a patterns <<< "$tier"
    for pattern in "${patterns[@]}"; do
      for file in "$PIDS"/$pattern.pid; do
        [ -e "$file" ] || continue
        name=$(basename "$file" .pid)
        echo "$name"
      done
    done
  done
}

# launch NAME COMMAND...: runs it in its own session, output appended to logs/NAME.log, pid in
# pids/NAME.pid (written by the process itself before exec, so it is the pid of COMMAND).
launch() {
  local name=$1 logfile="$LOGS/$1.log" pidfile
  shift
  pidfile=$(pid_file "$name")
  rm -f "$pidfile"
  # The header shows the command, secrets masked.
  printf '==== %s %s: %s\n' "$(date -Is)" "$name" "$*" | sed -E 's/(SECRET[A-Z_]*=)[^ ]*/\1***/g' >> "$logfile"
  # shellcheck disable=SC2016 # $$ and $@ are the inner shell's
  # 9>&-: the child must not inherit the lock held by this script (it would hold it forever).
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" >> "$logfile" 2>&1 < /dev/null 9>&- &
  local waited=0
  until [ -s "$pidfile" ]; do
    sleep 0.05
    waited=$((waited + 1))
    [ $waited -lt 200 ] || die "$name: no pid file after 10 s"
  done
}

tail_log() {
  echo "---- last lines of $LOGS/$1.log ----" >&2
  tail -n "${2:-40}" "$LOGS/$1.log" >&2 2>/dev/null || true
}

http_status() {
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true
  else
    local rest=${1#http://} host port path
    host=${rest%%/*}; path=/${rest#*/}; port=${host##*:}; host=${host%%:*}
    (exec 3<>"/dev/tcp/$host/$port" && printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3 &&
      head -n1 <&3 | awk '{print $2}') 2>/dev/null || true
  fi
}

port_busy() {
  local proto=${2:-t}
  [ -n "$(ss -Hln"$proto" "sport = :$1" 2>/dev/null)" ]
}

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# await NAME CHECK DESCRIPTION: until CHECK succeeds, the process dies, or the deadline passes.
await() {
  local name=$1 check=$2 what=$3 pid
  pid=$(cat "$(pid_file "$name")")
  while ! $check "$name"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail_log "$name"
      fail "$name exited before $what"
    fi
    if [ "$(date +%s)" -gt "$DEADLINE" ]; then
      tail_log "$name"
      fail "$name: no $what within ${START_TIMEOUT}s"
    fi
    sleep 0.2
  done
  log "$name: $what (pid $pid)"
}

service_healthy() { [ "$(http_status "http://127.0.0.1:$(health_port "$1")/health")" = 200 ]; }
health_port() { echo $((HEALTH_PORT + $(node_index "$1"))); }
mongo_ready() { tcp_open "$MONGO_PORT"; }
redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }
turn_ready() { tcp_open "$TURN_PORT"; }
gateway_healthy() { [ "$(http_status "http://127.0.0.1:$(gateway_port "$1")/health")" = 200 ]; }
nginx_healthy() { [ "$(http_status "http://127.0.0.1:$HTTP_PORT/health")" = 200 ]; }
gateway_port() { echo "${GATEWAY_PORTS[$((${1#gateway-} - 1))]}"; }

# ---------------------------------------------------------------------------------------------
# the components

use_turn() {
  case "$TURN_MODE" in
    on) [ -x "$TURNSERVER" ] || die "TOPOLOGY_TURN=on but no turnserver ($TURNSERVER); apt-get install coturn"; return 0 ;;
    off) return 1 ;;
    *) [ -x "$TURNSERVER" ] ;;
  esac
}

# Every component of this topology, in start order.
all_components() {
  local node name _
  if [ -z "$EXTERNAL_MONGO_URI" ]; then echo mongo; fi
  if [ -z "$EXTERNAL_REDIS_URL" ]; then echo redis; fi
  if use_turn; then echo turn; fi
  for node in "${NODES[@]}"; do
    read -r name _ <<< "$node"
    echo "$name"
  done
  echo nginx
}

node_index() {
  local i name _
  for i in "${!NODES[@]}"; do
    read -r name _ <<< "${NODES[$i]}"
    if [ "$name" = "$1" ]; then
      echo "$i"
      return 0
    fi
  done
  return 1
}

cluster_members() {
  local addresses=() i
  for i in "${!NODES[@]}"; do
    addresses+=("127.0.0.1:$((CLUSTER_PORT + i))")
  done
  (IFS=,; echo "${addresses[*]}")
}

# The config files of redis, turn and nginx (rewritten at every start).
write_configs() {
  if [ -z "$EXTERNAL_REDIS_URL" ]; then
    cat > "$RUN_DIR/redis.conf" <<EOF
# Rendered by scripts/topology.sh
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize no
dir $RUN_DIR/data/redis
appendonly yes
appendfsync everysec
save ""
maxmemory-policy noeviction
# The config path in the process title lets 'stop' recognise this process as ours.
proc-title-template "{title} {listen-addr} {server-mode} {config-file}"
EOF
  fi
  if use_turn; then
    (
      umask 077
      cat > "$RUN_DIR/turn/turnserver.conf" <<EOF
# Rendered by scripts/topology.sh (TURN REST credentials: use-auth-secret)
listening-ip=127.0.0.1
relay-ip=127.0.0.1
listening-port=$TURN_PORT
min-port=$TURN_RELAY_MIN
max-port=$TURN_RELAY_MAX
use-auth-secret
static-auth-secret=$(cat "$KEYS/turn-secret")
realm=weiliao
fingerprint
no-tls
no-dtls
no-cli
allow-loopback-peers
user-quota=12
total-quota=1200
max-bps=500000
no-tcp-relay
log-file=stdout
simple-log
pidfile=$RUN_DIR/turn/turnserver.pid
EOF
    )
  fi
  write_local_nginx "$RUN_DIR/nginx"
  if ! "$NGINX" -t -q -e stderr -c "$RUN_DIR/nginx/nginx.conf" 2> "$RUN_DIR/state/nginx-t.out"; then
    cat "$RUN_DIR/state/nginx-t.out" >&2
    die "nginx -t rejected $RUN_DIR/nginx/nginx.conf"
  fi
}

# Launches one component (without waiting for it).
launch_component() {
  local name=$1 index main port extra=()
  case "$name" in
    mongo)
      # The store every service waits on: a bigger heap and the full JIT (the services' C1-only
      # flags made it the bottleneck of the whole topology under load).
      launch mongo env WEILIAO_MONGO_PORT="$MONGO_PORT" WEILIAO_DATA_DIR="$RUN_DIR/data/mongo" \
        "$JAVA" -Xmx1g -XX:+UseSerialGC -Dweiliao.topology=mongo \
        -cp "$JAR" "$MONGO_MAIN"
      return ;;
    redis)
      launch redis "$REDIS_SERVER" "$RUN_DIR/redis.conf"
      return ;;
    turn)
      launch turn "$TURNSERVER" -c "$RUN_DIR/turn/turnserver.conf"
      return ;;
    nginx)
      launch nginx "$NGINX" -e stderr -c "$RUN_DIR/nginx/nginx.conf" -g "daemon off;"
      return ;;
  esac
  index=$(node_index "$name") || die "no component named $name"
  read -r _ main <<< "${NODES[$index]}"
  port=$((CLUSTER_PORT + index))
  extra=(WEILIAO_HEALTH_PORT="$(health_port "$name")")
  case "$name" in
    # Only user-service signs, so only it gets the private key; both halves of the one pair.
    user-service-*) extra+=(WEILIAO_JWT_PRIVATE_KEY="$KEYS/jwt-private.pem"
      WEILIAO_JWT_PUBLIC_KEY="$KEYS/jwt-public.pem") ;;
    # Gateways verify with the public key (and need not ask user-service for it at start).
    # nginx connects from 127.0.0.1, so X-Forwarded-For is believed from there.
    gateway-*) extra=(WEILIAO_JWT_PUBLIC_KEY="$KEYS/jwt-public.pem"
      WEILIAO_HTTP_HOST=127.0.0.1 WEILIAO_HTTP_PORT="$(gateway_port "$name")"
      WEILIAO_TRUSTED_PROXIES=127.0.0.1) ;;
    signaling-service-*)
      if use_turn; then
        extra+=(WEILIAO_STUN_URLS="stun:127.0.0.1:$TURN_PORT"
          WEILIAO_TURN_URLS="turn:127.0.0.1:$TURN_PORT?transport=udp,turn:127.0.0.1:$TURN_PORT?transport=tcp"
          WEILIAO_TURN_SECRET="$(cat "$KEYS/turn-secret")")
      fi ;;
  esac
  # The caller's WEILIAO_* settings pass through, except the keys: they go only where needed.
  launch "$name" env -u WEILIAO_JWT_PRIVATE_KEY -u WEILIAO_JWT_PUBLIC_KEY \
    WEILIAO_CLUSTERED=true \
    WEILIAO_CLUSTER_NAME="$CLUSTER_NAME" \
    WEILIAO_CLUSTER_HOST=127.0.0.1 \
    WEILIAO_CLUSTER_PUBLIC_HOST=127.0.0.1 \
    WEILIAO_CLUSTER_PORT="$port" \
    WEILIAO_CLUSTER_PORT_AUTO_INCREMENT=false \
    WEILIAO_CLUSTER_MEMBERS="$(cluster_members)" \
    WEILIAO_EVENTBUS_PORT=0 \
    WEILIAO_MONGO_URI="${EXTERNAL_MONGO_URI:-mongodb://127.0.0.1:$MONGO_PORT/weiliao}" \
    WEILIAO_REDIS_URL="${EXTERNAL_REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}" \
    WEILIAO_DATA_DIR="$RUN_DIR/data/service" \
    "${extra[@]}" \
    "$JAVA" "${JVM_OPTS[@]}" -Dweiliao.topology="$name" -cp "$JAR" "$main"
}

# Waits until a launched component is ready.
await_component() {
  local name=$1
  case "$name" in
    mongo) await mongo mongo_ready "listening on :$MONGO_PORT" ;;
    redis) await redis redis_ready "answering PING" ;;
    turn) await turn turn_ready "listening on :$TURN_PORT" ;;
    nginx) await nginx nginx_healthy "/health 200 on http://127.0.0.1:$HTTP_PORT" ;;
    gateway-*) await "$name" gateway_healthy "/health 200 on :$(gateway_port "$name")" ;;
    *) await "$name" service_healthy "/health 200 on :$(health_port "$name")" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# start

preflight() {
  local busy=() port i
  [ -r "$JAR_SOURCE" ] || die "no jar at $JAR_SOURCE; build it: mvn -B -DskipTests package"
  command -v "$JAVA" >/dev/null || die "java not found (JDK 17)"
  [ -x "$NGINX" ] || die "nginx not found ($NGINX); apt-get install nginx"
  command -v openssl >/dev/null || die "openssl not found"
  command -v ss >/dev/null || die "ss not found (iproute2)"
  if [ -z "$EXTERNAL_REDIS_URL" ]; then
    [ -x "$REDIS_SERVER" ] || die "redis-server not found; apt-get install redis-server (or set WEILIAO_REDIS_URL)"
    command -v redis-cli >/dev/null || die "redis-cli not found; apt-get install redis-tools"
  fi
  if [ -z "$EXTERNAL_MONGO_URI" ] && ! LC_ALL=C grep -qaF "chat/weiliao/allinone/EmbeddedMongoMain.class" "$JAR_SOURCE"; then
    die "$JAR_SOURCE has no $MONGO_MAIN (the embedded MongoDB-wire server as a process); rebuild the jar, or set WEILIAO_MONGO_URI to a real MongoDB"
  fi
  for port in "$HTTP_PORT" "${GATEWAY_PORTS[@]}"; do
    if port_busy "$port"; then busy+=("$port/tcp"); fi
  done
  for i in "${!NODES[@]}"; do
    port=$((CLUSTER_PORT + i))
    if port_busy "$port"; then busy+=("$port/tcp (Hazelcast)"); fi
    port=$((HEALTH_PORT + i))
    if port_busy "$port"; then busy+=("$port/tcp (health)"); fi
  done
  if [ -z "$EXTERNAL_MONGO_URI" ] && port_busy "$MONGO_PORT"; then busy+=("$MONGO_PORT/tcp (MongoDB)"); fi
  if [ -z "$EXTERNAL_REDIS_URL" ] && port_busy "$REDIS_PORT"; then busy+=("$REDIS_PORT/tcp (Redis)"); fi
  if use_turn; then
    if port_busy "$TURN_PORT"; then busy+=("$TURN_PORT/tcp (TURN)"); fi
    if port_busy "$TURN_PORT" u; then busy+=("$TURN_PORT/udp (TURN)"); fi
  fi
  [ ${#busy[@]} -eq 0 ] || die "ports in use: ${busy[*]}"
}

install_jar() {
  LC_ALL=C grep -qaF "chat/weiliao/gateway/GatewayMain.class" "$JAR_SOURCE" \
    || die "$JAR_SOURCE is not the shaded Weiliao jar (or is being rebuilt right now)"
  cp "$JAR_SOURCE" "$JAR.tmp"
  # A rename, not an overwrite: running JVMs keep reading the file they opened.
  mv -f "$JAR.tmp" "$JAR"
}

start_all() {
  local running=() name
  mkdir -p "$PIDS"
  while read -r name; do
    if [ -n "$(running_pid "$name")" ]; then
      running+=("$name")
    fi
  done < <(known_components)
  [ ${#running[@]} -eq 0 ] || die "already running in $RUN_DIR: ${running[*]} (run 'stop' first)"
  preflight
  mkdir -p "$PIDS" "$LOGS" "$KEYS" "$RUN_DIR/state" "$RUN_DIR/data/mongo" "$RUN_DIR/data/redis" \
    "$RUN_DIR/data/service" "$RUN_DIR/nginx/temp" "$RUN_DIR/turn"
  chmod 0700 "$KEYS"
  rm -f "$PIDS"/*.pid
  local var
  for var in "${RECORDED[@]}"; do
    declare -p "$var"
  done | sed 's/^declare -- /declare -g /' > "$SETTINGS"
  STARTING=true
  trap 'fail "interrupted"' INT TERM
  DEADLINE=$(( $(date +%s) + START_TIMEOUT ))
  log "run directory $RUN_DIR"

  # A private copy of the jar: a rebuild under target/ never changes what runs.
  install_jar
  # One ES256 pair for every service (kept across runs, so tokens stay valid across restarts).
  if [ ! -s "$KEYS/jwt-private.pem" ]; then
    "$REPO/scripts/jwt-keys.sh" "$KEYS" >/dev/null
    log "generated the JWT key pair in $KEYS"
  fi
  if [ ! -s "$KEYS/turn-secret" ]; then
    (umask 077; openssl rand -hex 32 > "$KEYS/turn-secret")
  fi
  write_configs

  local components=() stores=() nodes=()
  mapfile -t components < <(all_components)
  for name in "${components[@]}"; do
    case "$name" in
      mongo|redis|turn) stores+=("$name") ;;
      nginx) ;;
      *) nodes+=("$name") ;;
    esac
  done
  for name in "${stores[@]}"; do launch_component "$name"; done
  for name in "${stores[@]}"; do await_component "$name"; done
  # The first node alone, then the others together.
  launch_component "${nodes[0]}"
  await_component "${nodes[0]}"
  for name in "${nodes[@]:1}"; do launch_component "$name"; done
  for name in "${nodes[@]:1}"; do await_component "$name"; done
  launch_component nginx
  await_component nginx
  STARTING=false
  trap - INT TERM
  log "up: http://127.0.0.1:$HTTP_PORT (logs in $LOGS; 'scripts/topology.sh stop' to stop)"
}

# ---------------------------------------------------------------------------------------------
# restart one component

# stop_one NAME: SIGTERM, then SIGKILL after STOP_TIMEOUT.
stop_one() {
  local name=$1 pid deadline
  pid=$(running_pid "$name")
  if [ -n "$pid" ]; then
    log "SIGTERM $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$(( $(date +%s) + STOP_TIMEOUT ))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        log "SIGKILL $name (pid $pid, still running after ${STOP_TIMEOUT}s)"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
        break
      fi
      sleep 0.1
    done
    log "$name stopped"
  fi
  rm -f "$(pid_file "$name")"
}

restart_one() {
  local name=$1 known
  [ -f "$SETTINGS" ] || die "nothing was started in $RUN_DIR"
  known=$(all_components | grep -Fx -- "$name" || true)
  [ -n "$known" ] || die "no component named '$name'; one of: $(all_components | tr '\n' ' ')"
  DEADLINE=$(( $(date +%s) + START_TIMEOUT ))
  # Never take a member away while the cluster's data lacks a backup (the last join or leave
  # is still being re-replicated): two departures in a row could lose it.
  await_cluster_safe
  stop_one "$name"
  launch_component "$name"
  await_component "$name"
  await_cluster_safe
}

# Until a running gateway answers /health 200: every service answers and its "cluster" check
# reports the Hazelcast cluster safe.
await_cluster_safe() {
  local gateway
  while true; do
    for gateway in $(all_components | grep '^gateway-'); do
      [ -n "$(running_pid "$gateway")" ] || continue
      if gateway_healthy "$gateway"; then
        log "cluster safe (all data backed up)"
        return 0
      fi
    done
    [ "$(date +%s)" -le "$DEADLINE" ] || fail "the cluster did not become safe within ${START_TIMEOUT}s"
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------
# stop

stop_all() {
  local tier pattern name pid names pids deadline patterns file any=false
  for tier in "${STOP_TIERS[@]}"; do
    names=()
    pids=()
    read -r -a patterns <<< "$tier"
    for pattern in "${patterns[@]}"; do
      for file in "$PIDS"/$pattern.pid; do
        [ -e "$file" ] || continue
        name=$(basename "$file" .pid)
        pid=$(running_pid "$name")
        if [ -z "$pid" ]; then
          rm -f "$file"
          continue
        fi
        names+=("$name")
        pids+=("$pid")
      done
    done
    [ ${#pids[@]} -gt 0 ] || continue
    any=true
    log "SIGTERM ${names[*]}"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    deadline=$(( $(date +%s) + STOP_TIMEOUT ))
    local i alive
    while :; do
      alive=()
      for i in "${!pids[@]}"; do
        kill -0 "${pids[$i]}" 2>/dev/null && alive+=("$i")
      done
      [ ${#alive[@]} -gt 0 ] || break
      if [ "$(date +%s)" -ge "$deadline" ]; then
        for i in "${alive[@]}"; do
          log "SIGKILL ${names[$i]} (pid ${pids[$i]}, still running after ${STOP_TIMEOUT}s)"
          kill -KILL "${pids[$i]}" 2>/dev/null || true
        done
        sleep 0.5
        break
      fi
      sleep 0.2
    done
    for name in "${names[@]}"; do
      rm -f "$(pid_file "$name")"
    done
  done
  if $any; then
    log "stopped"
  else
    log "nothing running in $RUN_DIR"
  fi
}

# ---------------------------------------------------------------------------------------------
# status

status_all() {
  local name pid up=0 stale=0 endpoint
  local components=()
  if [ -d "$PIDS" ]; then
    mapfile -t components < <(known_components)
  fi
  if [ ${#components[@]} -eq 0 ]; then
    echo "not running ($RUN_DIR)"
    return 3
  fi
  printf '%-22s %-8s %-8s %s\n' COMPONENT STATE PID ENDPOINT
  for name in "${components[@]}"; do
    pid=$(running_pid "$name")
    case "$name" in
      mongo) endpoint="mongodb://127.0.0.1:$MONGO_PORT" ;;
      redis) endpoint="redis://127.0.0.1:$REDIS_PORT" ;;
      turn) endpoint="turn:127.0.0.1:$TURN_PORT" ;;
      nginx) endpoint="http://127.0.0.1:$HTTP_PORT" ;;
      gateway-*) endpoint="http://127.0.0.1:$(gateway_port "$name")" ;;
      *) endpoint="" ;;
    esac
    if [ -n "$pid" ]; then
      up=$((up + 1))
      printf '%-22s %-8s %-8s %s\n' "$name" running "$pid" "$endpoint"
    else
      stale=$((stale + 1))
      printf '%-22s %-8s %-8s %s\n' "$name" dead "-" "(stale pid file; see $LOGS/$name.log)"
    fi
  done
  if [ -n "$(running_pid nginx)" ]; then
    echo "GET http://127.0.0.1:$HTTP_PORT/health -> $(http_status "http://127.0.0.1:$HTTP_PORT/health")"
  fi
  [ $stale -eq 0 ] || return 1
  return 0
}

# ---------------------------------------------------------------------------------------------

with_lock() {
  mkdir -p "$RUN_DIR"
  exec 9> "$RUN_DIR/.lock"
  flock -n 9 || die "another topology.sh is working on $RUN_DIR"
}

case "$COMMAND" in
  start)
    with_lock
    start_all
    ;;
  stop)
    with_lock
    if [ -d "$PIDS" ]; then stop_all; else log "nothing running in $RUN_DIR"; fi
    ;;
  status)
    status_all
    ;;
  restart)
    [ $# -eq 2 ] || die "usage: $0 restart NAME (one of: $(all_components | tr '\n' ' '))"
    with_lock
    restart_one "$2"
    ;;
  install-jar)
    with_lock
    [ -r "$JAR_SOURCE" ] || die "no jar at $JAR_SOURCE"
    mkdir -p "$RUN_DIR"
    install_jar
    log "installed $JAR_SOURCE as $JAR; 'restart NAME' each component to run it"
    ;;
  nginx-conf)
    [ $# -eq 2 ] || die "usage: $0 nginx-conf DIR"
    write_local_nginx "$2"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2
    ;;
esac
