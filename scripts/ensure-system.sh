#!/usr/bin/env bash
# Installs the system packages Slipway's demo and tests need, only when something is missing.
# Fast no-op when everything is present. Quiet on success.
set -euo pipefail

# openssh-server: the ssh:// environment test runs a real sshd on 127.0.0.1
# docker-registry, apache2-utils (htpasswd): update tests and the updates bench run a registry on 127.0.0.1
PACKAGES=(docker.io docker-compose mmdebstrap busybox-static chromium openssh-server docker-registry apache2-utils)
missing=()

for cmd in dockerd docker docker-compose mmdebstrap chromium; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("command:$cmd")
done
[ -x /usr/sbin/sshd ] || missing+=("file:/usr/sbin/sshd")
[ -x /usr/bin/docker-registry ] || missing+=("file:/usr/bin/docker-registry")
[ -x /usr/bin/htpasswd ] || missing+=("file:/usr/bin/htpasswd")

# /bin/busybox must be the static build (busybox-static): it is copied into a FROM-scratch image.
if [ ! -x /bin/busybox ]; then
  missing+=("file:/bin/busybox")
elif ldd /bin/busybox >/dev/null 2>&1; then
  missing+=("static:/bin/busybox")
fi

[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && [ -r /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system: missing ${missing[*]}; installing ${PACKAGES[*]}" >&2
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if ! apt-get update >"$log" 2>&1; then
    echo "ensure-system: apt-get update failed:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y "${PACKAGES[@]}" >"$log" 2>&1; then
    echo "ensure-system: apt-get install failed:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  # Re-check: an install that "succeeded" but left something missing is still a failure.
  still=()
  for cmd in dockerd docker docker-compose mmdebstrap chromium; do
    command -v "$cmd" >/dev/null 2>&1 || still+=("$cmd")
  done
  if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then still+=("/bin/busybox (static)"); fi
  [ -x /usr/sbin/sshd ] || still+=("/usr/sbin/sshd")
  [ -x /usr/bin/docker-registry ] || still+=("/usr/bin/docker-registry")
  [ -x /usr/bin/htpasswd ] || still+=("/usr/bin/htpasswd")
  if [ "${#still[@]}" -gt 0 ]; then
    echo "ensure-system: still missing after install: ${still[*]}" >&2
    exit 1
  fi
  exit 0
fi

{
  echo "ensure-system: missing ${missing[*]}"
  echo "Install these Debian packages as root, then run this again:"
  echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${PACKAGES[*]}"
} >&2
exit 1
