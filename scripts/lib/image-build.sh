# shellcheck shell=bash
# Shared by build-images.sh and build-slipway-image.sh (sourced, not run): the engine check, one build at
# a time, a scratch folder, timing, the build-hash cache of tags, and the Debian mirrors for mmdebstrap.
# The caller sets LOG_PREFIX and FORCE (1: ignore the cache) before using these.
HASH_LABEL=dev.slipway.build-hash
export DOCKER_BUILDKIT=0 # the legacy builder: works with this daemon, no buildx needed

log() { echo "$LOG_PREFIX: $*" >&2; }
now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
fail_with_log() { log "$1 failed; last lines of its log:"; tail -n 40 "$2" >&2 || true; exit 1; }

require_engine() {
  if ! timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    log "no Docker engine answers (run scripts/ensure-engine.sh)"
    exit 1
  fi
}

# hold_build_lock NAME SECONDS: one build at a time (a second caller waits, then finds the images cached)
hold_build_lock() {
  exec 9>"${TMPDIR:-/tmp}/slipway-$1.$(id -u).lock"
  if ! flock -w "$2" 9; then
    log "another build held the lock for $2 s; giving up"
    exit 1
  fi
}

# make_workdir PREFIX: $WORK, removed on exit with any background build still running
make_workdir() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  trap cleanup_workdir EXIT
}
cleanup_workdir() {
  local pids
  mapfile -t pids < <(jobs -pr)
  if [ "${#pids[@]}" -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; fi
  rm -rf "$WORK"
}

# up_to_date TAG HASH: the tag exists with that hash label (and FORCE is not set)
up_to_date() {
  [ "$FORCE" -eq 0 ] || return 1
  local have
  have=$(docker image inspect -f "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1" 2>/dev/null) || return 1
  [ "$have" = "$2" ]
}

# Debian mirrors: the host's apt sources when they name one, else deb.debian.org.
detect_uri() { # SUFFIX-REGEX (e.g. '/debian' or '/debian-security')
  {
    grep -hs '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | sed 's/^[[:space:]]*URIs://' | tr ' ' '\n'
    grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | sed -E 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//' | awk '{print $1}'
  } | sed 's:/*$::' | grep -E "^https?://.*$1\$" | head -n1 || true
}

# debian_sources SUITE: sets SOURCES (apt lines for mmdebstrap); SLIPWAY_DEBIAN_MIRROR and
# SLIPWAY_DEBIAN_SECURITY_MIRROR override what the host's sources name
debian_sources() {
  local mirror security
  mirror=${SLIPWAY_DEBIAN_MIRROR:-$(detect_uri '/debian')}
  mirror=${mirror:-http://deb.debian.org/debian}
  security=${SLIPWAY_DEBIAN_SECURITY_MIRROR:-$(detect_uri '/debian-security')}
  SOURCES=("deb $mirror $1 main" "deb $mirror $1-updates main")
  if [ -n "$security" ]; then SOURCES+=("deb $security $1-security main"); fi
}

# mm_tmpdir MIN_FREE_KB: mmdebstrap's scratch tree on tmpfs when there is room (unpacking is much faster)
mm_tmpdir() {
  if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $4}')" -gt "$1" ] 2>/dev/null; then
    echo /dev/shm
  else
    echo "${TMPDIR:-/tmp}"
  fi
}
