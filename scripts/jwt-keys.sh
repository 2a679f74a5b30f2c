#!/usr/bin/env bash
# Generates the ES256 (P-256) key pair that signs Weiliao access tokens:
#   DIR/jwt-private.pem  PKCS#8 "BEGIN PRIVATE KEY"  -> WEILIAO_JWT_PRIVATE_KEY (user-service only)
#   DIR/jwt-public.pem   X.509  "BEGIN PUBLIC KEY"   -> WEILIAO_JWT_PUBLIC_KEY  (user-service, gateways)
# Every user-service instance must be given the same pair; gateways need only the public key.
#
#   scripts/jwt-keys.sh DIR          # refuses to overwrite an existing pair
#   scripts/jwt-keys.sh --force DIR  # replaces it (every issued token stops verifying)
#
# The private key is created with mode 0600 and owned by the caller. For docker compose, the
# containers run as uid 10001: see docs/operations.md ("Keys").
set -euo pipefail

force=false
if [ "${1:-}" = "--force" ]; then
  force=true
  shift
fi
if [ $# -ne 1 ]; then
  echo "usage: $0 [--force] DIR" >&2
  exit 2
fi
dir=$1
private="$dir/jwt-private.pem"
public="$dir/jwt-public.pem"

if [ -e "$private" ] || [ -e "$public" ]; then
  if ! $force; then
    echo "$dir already holds a key pair; keeping it (use --force to replace)" >&2
    exit 0
  fi
fi

command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 1; }
mkdir -p "$dir"
tmp=$(mktemp -d "$dir/.jwt-keys.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(
  umask 077
  # SEC1 EC key, then PKCS#8 (the only private-key PEM the server reads), then the public half.
  openssl ecparam -genkey -name prime256v1 -noout -out "$tmp/ec.pem"
  openssl pkcs8 -topk8 -nocrypt -in "$tmp/ec.pem" -out "$tmp/jwt-private.pem"
  openssl ec -in "$tmp/ec.pem" -pubout -out "$tmp/jwt-public.pem" 2>/dev/null
)
chmod 0600 "$tmp/jwt-private.pem"
chmod 0644 "$tmp/jwt-public.pem"
mv -f "$tmp/jwt-private.pem" "$private"
mv -f "$tmp/jwt-public.pem" "$public"
echo "wrote $private and $public"
