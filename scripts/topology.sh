#!/usr/bin/env bash
# The clustered topology of docker/docker-compose.yml as plain processes on 127.0.0.1, where there
# is no container engine: the same services, environment, Hazelcast members, JVM flags and health
# checks, run by chat.weiliao.allinone.topology.TopologyMain (this script only finds java and the
# jar). Locally the embedded MongoDB-wire server stands in for mongo, Debian's redis-server,
# turnserver (coturn, if installed) and nginx for theirs. Ports: container port + the service's
# x-local port-offset (see the head of docker-compose.yml), so by default
#   nginx :8080 (docker/nginx.conf)   gateway-1/-2 :8085/:8086   mongo :27117   redis :6479
#   Hazelcast :5701-5707   services' own GET /health :8091-8095   turn :3478
#
# Usage:
#   scripts/topology.sh start          start in depends_on order; returns once every component is
#                                      ready (its compose health check answers, on its local port)
#   scripts/topology.sh stop           SIGTERM front to back; SIGKILL after a timeout
#   scripts/topology.sh status         exit 0: all up; 3: nothing runs; 1: something died
#   scripts/topology.sh restart NAME   stop one component (a compose service name) and start it
#                                      again once the cluster is safe (rolling restarts, drills)
#   scripts/topology.sh install-jar    copy WEILIAO_JAR into the run directory for the next
#                                      (re)starts; running processes keep the jar they started with
#
# Settings (environment; 'start' records them in the run directory, later commands reuse them):
#   WEILIAO_RUN_DIR   jar copy, secrets, data, logs, pids (default /tmp/weiliao-topology)
#   WEILIAO_JAR       jar to run (default all-in-one/target/weiliao-all-in-one.jar)
#   WEILIAO_COMPOSE   the compose file (default docker/docker-compose.yml)
#   TOPOLOGY_PORT_SHIFT (0; "auto": a shift under which every port is free)
#   TOPOLOGY_TURN (auto|on|off) TOPOLOGY_START_TIMEOUT (180 s) TOPOLOGY_STOP_TIMEOUT (45 s)
#   JAVA NGINX REDIS_SERVER TURNSERVER
# Any other WEILIAO_* variable set by the caller (e.g. WEILIAO_BCRYPT_COST) reaches every
# Weiliao process. Delete the run directory (while stopped) to start from scratch.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=${WEILIAO_JAR:-$REPO/all-in-one/target/weiliao-all-in-one.jar}
if [ $# -eq 0 ] || [ "$1" = help ] || [ "$1" = -h ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 2
fi
[ -r "$JAR" ] || { echo "topology: no jar at $JAR; build it: mvn -B -DskipTests package" >&2; exit 1; }
exec "${JAVA:-java}" -Xmx128m -XX:TieredStopAtLevel=1 -Dweiliao.repo="$REPO" \
  -cp "$JAR" chat.weiliao.allinone.topology.TopologyMain "$@"
