#!/usr/bin/env bash
# End-to-end test of the web client against the real all-in-one server, in two headless Chromium
# profiles. It runs in a network namespace of its own that holds only loopback, so WebRTC's ICE
# gathering sees nothing but 127.0.0.1 and the test touches no other address.
set -euo pipefail
cd "$(dirname "$0")/.."
export WEILIAO_E2E_JAR="${WEILIAO_E2E_JAR:-$(cd .. && pwd)/all-in-one/target/weiliao-all-in-one.jar}"
if [ ! -f "$WEILIAO_E2E_JAR" ]; then
  echo "no server jar at $WEILIAO_E2E_JAR (run mvn package first)" >&2
  exit 1
fi
if [ ! -x "${WEILIAO_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "Chromium is missing: apt-get install -y chromium" >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ]; then
  npm ci
fi
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null && [ -z "${WEILIAO_E2E_NO_NETNS:-}" ]; then
  exec unshare -n sh -c 'ip link set lo up && exec node e2e/run.mjs'
fi
exec node e2e/run.mjs
