#!/usr/bin/env bash
# Installs node_modules when missing or older than package-lock.json. Playwright drives Debian's
# Chromium, so its own browser download is never attempted.
# `npm install` rather than `npm ci`: the npm 11 on these machines writes lock files without other
# platforms' optional packages and then its own `npm ci` refuses them as out of sync. `npm install`
# installs exactly the locked versions and leaves the lock file unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp=node_modules/.slipway-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> npm install (locked versions)"
  npm install --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
