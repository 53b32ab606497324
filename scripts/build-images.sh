#!/usr/bin/env bash
# Builds the demo images locally (no registry is needed):
#   slipway/busybox:1        FROM scratch + the host's static busybox
#   slipway/nginx-base:1     mmdebstrap bookworm (nginx-light, busybox, sqlite3, ca-certificates)
#   slipway/postgres-base:1  mmdebstrap bookworm (postgresql-15, busybox)
#   slipway/nginx:1          demo/images/nginx on nginx-base
#   slipway/postgres:1       demo/images/postgres on postgres-base
# An image is skipped when its tag exists and carries the label dev.slipway.build-hash of its
# current inputs (so editing demo/images/* rebuilds what changed); --force rebuilds everything.
# Prints one line per image built, with its build time; nothing when all are cached.
# Env: SLIPWAY_DEBIAN_MIRROR overrides the Debian mirror (default: the host's apt sources).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES=$ROOT/demo/images
SUITE=bookworm
LOG_PREFIX=build-images
# shellcheck source=scripts/lib/image-build.sh
. "$ROOT/scripts/lib/image-build.sh"

FORCE=0
for arg in "$@"; do
  case $arg in
    --force|-f) FORCE=1 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-images: unknown argument '$arg' (usage: build-images.sh [--force])" >&2; exit 2 ;;
  esac
done

require_engine
hold_build_lock build-images 600
make_workdir slipway-build

OLD_IDS=() # images replaced by a rebuild, removed at the end when nothing uses them

# hash of the given strings and files' contents
hash_of() {
  { for x in "$@"; do if [ -f "$x" ]; then printf '%s\n' "${x#"$ROOT"/}"; cat "$x"; else printf '%s\n' "$x"; fi; done; } \
    | sha256sum | cut -c1-32
}
# hash of every file in a directory (names and contents), plus extra strings
hash_dir() {
  local dir=$1; shift
  local files
  mapfile -t files < <(cd "$dir" && find . -type f ! -name '*~' | LC_ALL=C sort)
  { for f in "${files[@]}"; do printf '%s %s\n' "$f" "$(stat -c %a "$dir/$f")"; cat "$dir/$f"; done
    printf '%s\n' "$@"; } | sha256sum | cut -c1-32
}

remember_old() {
  local id
  id=$(image_id "$1")
  if [ -n "$id" ]; then OLD_IDS+=("$id"); fi
}

debian_sources "$SUITE"

# shellcheck disable=SC2016 # "$1" in the hooks is expanded by mmdebstrap, not here
MMDEBSTRAP_OPTS=(
  --variant=apt
  --aptopt='Acquire::Check-Valid-Until "false"'
  --aptopt='Acquire::Languages "none"'
  --aptopt='APT::Install-Recommends "false"'
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/lintian/*'
  # PostgreSQL's LLVM JIT (libLLVM, libz3, bitcode: ~160 MB) is left out; the entrypoint sets jit=off
  --dpkgopt='path-exclude=/usr/lib/*/libLLVM-*'
  --dpkgopt='path-exclude=/usr/lib/*/libz3.so*'
  --dpkgopt='path-exclude=/usr/lib/postgresql/*/lib/llvmjit*'
  --dpkgopt='path-exclude=/usr/lib/postgresql/*/lib/bitcode/*'
  --dpkgopt='force-unsafe-io'
  # no default cluster: the image's entrypoint runs initdb into PGDATA itself
  --customize-hook='rm -rf "$1"/var/lib/postgresql/15 "$1"/etc/postgresql/15'
  --customize-hook='rm -rf "$1"/var/cache/apt/*.bin "$1"/var/log/apt/* "$1"/var/log/dpkg.log "$1"/var/log/alternatives.log'
)

MM_TMPDIR=$(mm_tmpdir 2000000)

# build_base NAME TAG: mmdebstrap the packages in demo/images/NAME/base-packages, docker import.
# Runs in the background; writes "seconds" to $WORK/NAME.time on success.
build_base() {
  local name=$1 tag=$2 hash=$3 log=$WORK/$1-base.log start id packages
  start=$(now)
  packages=$(grep -v '^[[:space:]]*#' "$IMAGES/$name/base-packages" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
  if ! id=$(TMPDIR=$MM_TMPDIR mmdebstrap --quiet "${MMDEBSTRAP_OPTS[@]}" --include="$packages" "$SUITE" - "${SOURCES[@]}" 2>"$log" \
      | docker import \
          --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
          --change 'ENV LANG=C.UTF-8' \
          --change "LABEL $HASH_LABEL=$hash" \
          --change 'CMD ["/bin/bash"]' \
          - 2>>"$log"); then
    echo "(sources: ${SOURCES[*]})" >>"$log"
    # docker import may have made an image of a partial stream: drop it
    id=$(printf '%s' "$id" | tail -n1)
    if [ -n "$id" ]; then docker image rm "$id" >/dev/null 2>&1 || true; fi
    return 1
  fi
  id=$(printf '%s' "$id" | tail -n1)
  docker tag "$id" "$tag" 2>>"$log" || return 1
  elapsed "$start" >"$WORK/$name.time"
}

# build_dockerfile TAG HASH CONTEXT
build_dockerfile() {
  local tag=$1 hash=$2 ctx=$3 log start
  log=$WORK/$(echo "$tag" | tr '/:' '__').log
  start=$(now)
  remember_old "$tag"
  local nocache=()
  if [ "$FORCE" -eq 1 ]; then nocache=(--no-cache); fi
  # --network host: RUN steps need no bridge (every container here uses the host network)
  if ! docker build -q --network host "${nocache[@]}" --label "$HASH_LABEL=$hash" -t "$tag" "$ctx" >"$log" 2>&1; then
    fail_with_log "docker build of $tag" "$log"
  fi
  echo "build-images: built $tag in $(elapsed "$start")s"
}

# --- the two mmdebstrap bases, in parallel ---------------------------------------------------
NGINX_BASE_HASH=$(hash_of base-v1 "$IMAGES/nginx/base-packages" "${MMDEBSTRAP_OPTS[@]}")
PG_BASE_HASH=$(hash_of base-v1 "$IMAGES/postgres/base-packages" "${MMDEBSTRAP_OPTS[@]}")

base_jobs=()
if ! up_to_date slipway/nginx-base:1 "$NGINX_BASE_HASH"; then
  remember_old slipway/nginx-base:1
  build_base nginx slipway/nginx-base:1 "$NGINX_BASE_HASH" &
  base_jobs+=("$!:nginx:slipway/nginx-base:1")
fi
if ! up_to_date slipway/postgres-base:1 "$PG_BASE_HASH"; then
  remember_old slipway/postgres-base:1
  build_base postgres slipway/postgres-base:1 "$PG_BASE_HASH" &
  base_jobs+=("$!:postgres:slipway/postgres-base:1")
fi

# --- busybox (meanwhile) ---------------------------------------------------------------------
if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
  echo "build-images: /bin/busybox is missing or not static (run scripts/ensure-system.sh)" >&2
  exit 1
fi
BUSYBOX_HASH=$(hash_dir "$IMAGES/busybox" "$(sha256sum /bin/busybox | cut -d' ' -f1)")
if ! up_to_date slipway/busybox:1 "$BUSYBOX_HASH"; then
  mkdir -p "$WORK/busybox"
  cp "$IMAGES/busybox/Dockerfile" "$WORK/busybox/"
  cp /bin/busybox "$WORK/busybox/busybox"
  build_dockerfile slipway/busybox:1 "$BUSYBOX_HASH" "$WORK/busybox"
fi

failed=0
for job in "${base_jobs[@]}"; do
  IFS=: read -r pid name tag1 tag2 <<<"$job"
  tag="$tag1:$tag2"
  if wait "$pid"; then
    echo "build-images: built $tag in $(cat "$WORK/$name.time")s (mmdebstrap + docker import)"
  else
    echo "build-images: building $tag with mmdebstrap failed; last lines of its log:" >&2
    tail -n 40 "$WORK/$name-base.log" >&2 || true
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1

# --- images on top of the bases --------------------------------------------------------------
NGINX_HASH=$(hash_dir "$IMAGES/nginx" "$(image_id slipway/nginx-base:1)")
if ! up_to_date slipway/nginx:1 "$NGINX_HASH"; then
  build_dockerfile slipway/nginx:1 "$NGINX_HASH" "$IMAGES/nginx"
fi
PG_HASH=$(hash_dir "$IMAGES/postgres" "$(image_id slipway/postgres-base:1)")
if ! up_to_date slipway/postgres:1 "$PG_HASH"; then
  build_dockerfile slipway/postgres:1 "$PG_HASH" "$IMAGES/postgres"
fi

# Drop the images that rebuilds replaced, when no tag or container still uses them
# (derived images first, so their bases become removable).
for ((i = ${#OLD_IDS[@]} - 1; i >= 0; i--)); do
  old=${OLD_IDS[$i]}
  if [ "$(docker image inspect -f '{{len .RepoTags}}' "$old" 2>/dev/null || echo x)" = 0 ]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
done
