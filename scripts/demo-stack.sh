#!/usr/bin/env bash
# The Slipway demo stack (demo/docker-compose.yml, compose project slipway-demo).
#   up      install what is missing, make sure an engine answers, build the images, start the
#           stack and wait (max 90 s) until app-blue, app-green, proxy and db are healthy and
#           migrate has exited 0
#   down    remove the stack with its volumes
#   status  one line per service: container, state, health
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT=slipway-demo
COMPOSE_FILE=$ROOT/demo/docker-compose.yml
WAIT_SECONDS=${SLIPWAY_DEMO_WAIT:-90}
HEALTHY_SERVICES=(app-blue app-green proxy db)
ALL_SERVICES=(app-blue app-green proxy db migrate notes ticker)

compose() { docker-compose --ansi never -p "$PROJECT" -f "$COMPOSE_FILE" "$@"; }

# quietly: run a command, show its output only when it fails
quietly() {
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  if [ "$rc" -ne 0 ]; then
    printf '%s\n' "$out" >&2
  fi
  return "$rc"
}

container_of() { compose ps -q "$1" 2>/dev/null | head -n1; }

# state of a service's container: "STATUS HEALTH EXITCODE NAME" (health "none" without healthcheck)
inspect_service() {
  local id
  id=$(container_of "$1")
  if [ -z "$id" ]; then echo "missing none - -"; return; fi
  docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.State.ExitCode}} {{.Name}}' "$id" 2>/dev/null \
    | sed 's: /: :' || echo "missing none - -"
}

status() {
  local svc
  for svc in "${ALL_SERVICES[@]}"; do
    read -r state health code name <<<"$(inspect_service "$svc")"
    if [ "$state" = exited ]; then state="exited($code)"; fi
    printf '%-10s %-32s %-12s %s\n' "$svc" "$name" "$state" "$health"
  done
}

up() {
  "$ROOT/scripts/ensure-system.sh"
  "$ROOT/scripts/ensure-engine.sh"
  "$ROOT/scripts/build-images.sh"

  local start=$SECONDS
  if ! quietly compose up -d --remove-orphans; then
    echo "demo-stack: docker-compose up failed" >&2
    exit 1
  fi

  local deadline=$((SECONDS + WAIT_SECONDS)) svc pending
  while :; do
    pending=()
    for svc in "${HEALTHY_SERVICES[@]}"; do
      read -r state health _ _ <<<"$(inspect_service "$svc")"
      if [ "$state" != running ] || [ "$health" != healthy ]; then pending+=("$svc:$state/$health"); fi
    done
    read -r state _ code _ <<<"$(inspect_service migrate)"
    if [ "$state" = exited ] && [ "$code" != 0 ]; then
      echo "demo-stack: migrate exited with code $code; its log:" >&2
      compose logs --no-color --tail=30 migrate >&2 || true
      exit 1
    fi
    if [ "$state" != exited ]; then pending+=("migrate:$state"); fi
    [ "${#pending[@]}" -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "demo-stack: not ready after ${WAIT_SECONDS}s: ${pending[*]}" >&2
      status >&2
      for svc in "${pending[@]}"; do
        echo "--- last log lines of ${svc%%:*}" >&2
        compose logs --no-color --tail=15 "${svc%%:*}" >&2 || true
      done
      exit 1
    fi
    sleep 0.5
  done
  echo "demo-stack: up in $((SECONDS - start))s: proxy http://127.0.0.1:8080 (blue 8081, green 8082), postgres 127.0.0.1:5433"
}

down() {
  if ! command -v docker-compose >/dev/null 2>&1; then
    echo "demo-stack: docker-compose is not installed; nothing to take down" >&2
    exit 1
  fi
  "$ROOT/scripts/ensure-engine.sh"
  if ! quietly compose down -v --remove-orphans --timeout 10; then
    echo "demo-stack: docker-compose down failed" >&2
    exit 1
  fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: scripts/demo-stack.sh up|down|status" >&2; exit 2 ;;
esac
