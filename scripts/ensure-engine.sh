#!/usr/bin/env bash
# Makes sure a Docker engine answers. Starts `dockerd --live-restore` detached when none does
# (root only), cleaning stale pid files first. Quiet on success.
set -euo pipefail

LOG=/var/log/slipway-dockerd.log
DOCKER_PID_FILE=/var/run/docker.pid
CONTAINERD_PID_FILE=/var/run/docker/containerd/containerd.pid
WAIT_SECONDS=${SLIPWAY_ENGINE_WAIT:-60}
DEFAULT_HOST=unix:///var/run/docker.sock

answers() {
  timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# pid_is PIDFILE NAME: the pid file names a live process whose command is NAME
pid_is() {
  local file=$1 name=$2 pid comm
  [ -s "$file" ] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [ -n "$pid" ] || return 1
  [ -r "/proc/$pid/comm" ] || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  [ "$comm" = "$name" ] || return 1
  # a zombie (exited, not yet reaped) is not alive
  [ "$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]
}

if ! command -v docker >/dev/null 2>&1; then
  echo "ensure-engine: the docker client is not installed (run scripts/ensure-system.sh as root)" >&2
  exit 1
fi

answers && exit 0

host=${DOCKER_HOST:-$DEFAULT_HOST}
if [ "$host" != "$DEFAULT_HOST" ] && [ "$host" != "unix://$DOCKER_PID_FILE" ] && [ "$host" != "unix:///run/docker.sock" ]; then
  echo "ensure-engine: no Docker engine answers at DOCKER_HOST=$host; this script only starts a local engine" >&2
  echo "  (unset DOCKER_HOST to use the local one at $DEFAULT_HOST)" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-engine: no Docker engine answers at $host and you are not root, so none can be started here." >&2
  echo "  Start one as root (sudo scripts/ensure-engine.sh, or: sudo dockerd --live-restore &)," >&2
  echo "  or make the socket usable by you (add yourself to the docker group)." >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "ensure-engine: dockerd is not installed (run scripts/ensure-system.sh)" >&2
  exit 1
fi

# One starter at a time; a second caller waits and then finds the engine answering.
exec 9>/run/slipway-ensure-engine.lock
flock -w 90 9 || true
answers && exit 0

if pid_is "$DOCKER_PID_FILE" dockerd; then
  # A dockerd is running but not answering yet (starting, or busy): wait for it, don't start another.
  :
else
  if [ -e "$DOCKER_PID_FILE" ]; then
    rm -f "$DOCKER_PID_FILE"
  fi
  # dockerd reuses a containerd whose pid file names a live process; a stale file (pid gone or
  # reused by something else) would make it signal or wait on the wrong process.
  if [ -e "$CONTAINERD_PID_FILE" ] && ! pid_is "$CONTAINERD_PID_FILE" containerd; then
    rm -f "$CONTAINERD_PID_FILE"
  fi
  started=0
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1 \
      && systemctl cat docker.service >/dev/null 2>&1; then
    if systemctl start docker.service >/dev/null 2>&1; then started=1; fi
  fi
  if [ "$started" -eq 0 ]; then
    mkdir -p "$(dirname "$LOG")"
    echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) ensure-engine: starting dockerd --live-restore" >>"$LOG"
    # setsid + nohup: its own session, no controlling terminal, survives the caller and SIGHUP.
    setsid nohup dockerd --live-restore </dev/null >>"$LOG" 2>&1 9>&- &
    disown || true
  fi
fi

deadline=$((SECONDS + WAIT_SECONDS))
while [ "$SECONDS" -lt "$deadline" ]; do
  answers && exit 0
  sleep 0.5
done

echo "ensure-engine: the Docker engine did not answer within ${WAIT_SECONDS}s. Last lines of $LOG:" >&2
tail -n 30 "$LOG" >&2 2>/dev/null || true
exit 1
