#!/usr/bin/env bash
# `npm run bench -- NAME` runs bench/NAME.ts; `npm run bench` runs them all and prints one table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system.sh
bash scripts/ensure-engine.sh
bash scripts/build-images.sh
bash scripts/ensure-node-deps.sh
# rebuild when the build is missing or older than any source it is made from
if [ ! -f dist/server.js ] || [ ! -f .next/BUILD_ID ] || [ -n "$(find app components server package-lock.json next.config.js -newer .next/BUILD_ID -print -quit)" ]; then
  npm run build --silent
fi
exec node scripts/run-bench.mjs "$@"
