#!/bin/sh
# Entry point of every Weiliao service image: fixes up the cluster address, then execs the JVM
# (as PID 1, so `docker stop`'s SIGTERM reaches it and the node shuts down gracefully: a gateway
# closes its sockets with 1001 and drains HTTP, every node leaves the Hazelcast cluster).
#
# Why the address fix-up: Node.java passes WEILIAO_CLUSTER_PUBLIC_HOST to Hazelcast's interface
# list, which takes IP addresses only. A host name there (e.g. the compose service name
# "gateway-1") makes Hazelcast refuse to start with "No matching network interface found". So a
# name is resolved here to this container's address on the compose network. With
# WEILIAO_CLUSTER_HOST=0.0.0.0 and no public host, the container's first address is used, because
# the event bus would otherwise advertise 0.0.0.0 to the other nodes.
set -eu

is_ipv4() {
  case "$1" in
    *[!0-9.]*|'') return 1 ;;
    *.*.*.*) return 0 ;;
    *) return 1 ;;
  esac
}

if [ "${WEILIAO_CLUSTERED:-false}" = "true" ]; then
  public=${WEILIAO_CLUSTER_PUBLIC_HOST:-}
  if [ -z "$public" ] && [ "${WEILIAO_CLUSTER_HOST:-127.0.0.1}" = "0.0.0.0" ]; then
    public=$(hostname -i | awk '{print $1}')
  elif [ -n "$public" ] && ! is_ipv4 "$public" && [ "$public" != "0.0.0.0" ]; then
    resolved=""
    tries=0
    # Docker's DNS knows the container's own service name once the container runs; retry briefly.
    while [ -z "$resolved" ] && [ $tries -lt 20 ]; do
      resolved=$(getent ahostsv4 "$public" 2>/dev/null | awk 'NR == 1 {print $1}')
      [ -n "$resolved" ] || { tries=$((tries + 1)); sleep 0.5; }
    done
    if [ -z "$resolved" ]; then
      echo "entrypoint: cannot resolve WEILIAO_CLUSTER_PUBLIC_HOST=$public" >&2
      exit 1
    fi
    echo "entrypoint: WEILIAO_CLUSTER_PUBLIC_HOST $public -> $resolved"
    public=$resolved
  fi
  if [ -n "$public" ]; then
    export WEILIAO_CLUSTER_PUBLIC_HOST="$public"
  fi
fi

# JAVA_OPTS is split on spaces on purpose (one option per word).
# shellcheck disable=SC2086
exec java $JAVA_OPTS -cp /app/weiliao.jar "${WEILIAO_MAIN:?set WEILIAO_MAIN to the main class to run}" "$@"
