#!/usr/bin/env bash
# Stops the local dockerd gracefully (SIGTERM), waiting until it no longer answers (max 30 s).
# With --live-restore, containers keep running. Quiet on success; a no-op when no dockerd runs.
set -euo pipefail

DOCKER_PID_FILE=/var/run/docker.pid
WAIT_SECONDS=${SLIPWAY_ENGINE_STOP_WAIT:-30}

# alive PID: the process exists and is not a zombie
alive() {
  [ -r "/proc/$1/stat" ] || return 1
  [ "$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" != "Z" ]
}

answers() {
  timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

pid=""
if [ -s "$DOCKER_PID_FILE" ]; then
  pid=$(tr -dc '0-9' <"$DOCKER_PID_FILE")
fi
if [ -z "$pid" ] || [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" != "dockerd" ] || ! alive "$pid"; then
  if answers; then
    echo "stop-engine: an engine answers but $DOCKER_PID_FILE names no running dockerd; not stopping it" >&2
    exit 1
  fi
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "stop-engine: dockerd (pid $pid) runs as root; run this as root" >&2
  exit 1
fi

kill -TERM "$pid" 2>/dev/null || true

deadline=$((SECONDS + WAIT_SECONDS))
while [ "$SECONDS" -lt "$deadline" ]; do
  if ! alive "$pid" && ! answers; then
    exit 0
  fi
  sleep 0.2
done

echo "stop-engine: dockerd (pid $pid) still running after ${WAIT_SECONDS}s" >&2
exit 1
