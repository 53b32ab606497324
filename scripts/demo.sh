#!/usr/bin/env bash
# `npm run demo`: from a fresh clone to a running dashboard over the demo stack, login printed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT=${PORT:-3000} HOST=${HOST:-127.0.0.1} SLIPWAY_DATA_DIR=${SLIPWAY_DATA_DIR:-./data}

bash scripts/demo-stack.sh up
bash scripts/ensure-node-deps.sh
if [ ! -f dist/server.js ] || [ ! -f .next/BUILD_ID ] || [ -n "$(find app components server package-lock.json next.config.js -newer .next/BUILD_ID -print -quit)" ]; then
  echo "==> building Slipway"
  npm run build --silent
fi

mkdir -p "$SLIPWAY_DATA_DIR"
pwfile="$SLIPWAY_DATA_DIR/demo-admin-password"
if [ -z "${SLIPWAY_ADMIN_PASSWORD:-}" ]; then
  [ -s "$pwfile" ] || (umask 077; head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$pwfile")
  SLIPWAY_ADMIN_PASSWORD=$(cat "$pwfile")
fi
export SLIPWAY_ADMIN_PASSWORD

if curl -fsS "http://$HOST:$PORT/api/health" >/dev/null 2>&1; then
  echo "Port $PORT already answers: another Slipway (or something else) is running there. Set PORT=... to use another." >&2
  exit 1
fi
NODE_ENV=production MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 dist/server.js &
pid=$!
trap 'kill $pid 2>/dev/null || true' INT TERM
for _ in $(seq 1 100); do
  curl -fsS "http://$HOST:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "Slipway failed to start" >&2; exit 1; }
  sleep 0.2
done
cat <<MSG

  Slipway is running:  http://$HOST:$PORT
  Sign in as:          admin / $SLIPWAY_ADMIN_PASSWORD
  Demo stack:          slipway-demo (proxy http://127.0.0.1:8080, slots :8081/:8082, PostgreSQL :5433)
  Stop:                Ctrl-C (the demo stack keeps running; scripts/demo-stack.sh down removes it)

MSG
wait $pid
