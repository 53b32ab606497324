#!/usr/bin/env bash
# `npm run bench -- NAME` runs bench/NAME.ts; `npm run bench` runs them all and prints one table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system.sh
bash scripts/ensure-engine.sh
bash scripts/build-images.sh
bash scripts/ensure-node-deps.sh
[ -f dist/server.js ] && [ -f .next/BUILD_ID ] || npm run build --silent
exec node scripts/run-bench.mjs "$@"
