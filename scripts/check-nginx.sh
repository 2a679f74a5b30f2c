#!/usr/bin/env bash
# Validates both nginx configs rendered from docker/nginx.conf.template with `nginx -t`:
#   1. the local one (scripts/topology.sh: 127.0.0.1, paths in a scratch run directory);
#   2. the compose one, which must equal the committed docker/nginx.conf. Its upstreams are
#      service names (gateway-1, gateway-2) and its workers run as user "nginx", neither of which
#      exists outside the container; as root, the check runs nginx -t in a private mount namespace
#      whose /etc/hosts maps those names to 127.0.0.1, whose /etc/passwd and /etc/group have an
#      nginx user, and whose /var/log and /var/cache are empty tmpfs. Nothing on the host changes.
#      Without root it checks a copy with 127.0.0.1 and no user line instead.
# Needs nginx (Debian: apt-get install -y nginx).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[ -x "$NGINX" ] || { echo "nginx not found; apt-get install -y nginx" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0

echo "== local variant ($("$NGINX" -v 2>&1))"
WEILIAO_RUN_DIR="$scratch/run" "$REPO/scripts/topology.sh" nginx-conf local "$scratch/local.conf"
if "$NGINX" -t -e "$scratch/run/logs/nginx-error.log" -c "$scratch/local.conf"; then :; else status=1; fi

echo "== compose variant (docker/nginx.conf)"
"$REPO/scripts/topology.sh" nginx-conf compose "$scratch/compose.conf"
if ! diff -u "$REPO/docker/nginx.conf" "$scratch/compose.conf"; then
  echo "docker/nginx.conf is not the current rendering of the template;" \
    "run: scripts/topology.sh nginx-conf compose docker/nginx.conf" >&2
  status=1
fi

if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
  { cat /etc/hosts; echo "127.0.0.1 gateway-1 gateway-2"; } > "$scratch/hosts"
  cp /etc/passwd "$scratch/passwd"
  cp /etc/group "$scratch/group"
  getent group nginx >/dev/null || echo "nginx:x:101:" >> "$scratch/group"
  getent passwd nginx >/dev/null || echo "nginx:x:101:101:nginx:/nonexistent:/usr/sbin/nologin" >> "$scratch/passwd"
  # shellcheck disable=SC2016 # expanded by the inner shell
  if unshare -m bash -c '
      set -e
      mount --make-rprivate /
      mount --bind "$1/hosts" /etc/hosts
      mount --bind "$1/passwd" /etc/passwd
      mount --bind "$1/group" /etc/group
      mount -t tmpfs tmpfs /var/log
      mount -t tmpfs tmpfs /var/cache
      mkdir -p /var/log/nginx /var/cache/nginx
      exec "$2" -t -e /var/log/nginx/error.log -c "$3"
    ' _ "$scratch" "$NGINX" "$REPO/docker/nginx.conf"; then :; else status=1; fi
else
  echo "(not root or no unshare: checking a copy with 127.0.0.1 upstreams, no user line, scratch paths)"
  sed -e 's/gateway-\([0-9]\):8080/127.0.0.1:808\1/' -e 's/^user nginx;//' \
    -e "s#/var/run/nginx.pid#$scratch/nginx.pid#; s#/var/log/nginx#$scratch#g; s#/var/cache/nginx#$scratch/cache#g" \
    -e "s#listen 8080;#listen 127.0.0.1:18080;#" "$REPO/docker/nginx.conf" > "$scratch/compose-local.conf"
  mkdir -p "$scratch/cache"
  if "$NGINX" -t -e "$scratch/error.log" -c "$scratch/compose-local.conf"; then :; else status=1; fi
fi
exit $status
