#!/usr/bin/env bash
# Builds Slipway's own container image from the Dockerfile at the repository root.
#
#   scripts/build-slipway-image.sh [--tag TAG] [--official] [--force]
#
# Default (this machine, no registry): first makes two local Node base images, then builds the
# Dockerfile on them:
#   slipway/node:20        mmdebstrap bookworm (ca-certificates, libstdc++6, passwd, docker-compose; trimmed) + the host's /usr/bin/node
#   slipway/node-build:20  the same + python3 make g++, npm and Node's headers (better-sqlite3 compiles here)
# Each is skipped when its tag carries the label dev.slipway.build-hash of its current inputs: the
# Debian root filesystems (slipway/node-rootfs-{runtime,build}:bookworm; package list, mmdebstrap
# options) and the Node layer on top (node binary, npm, headers, CA bundle); --force rebuilds them.
# --official builds on the official images instead (node:20-bookworm / node:20-bookworm-slim: needs
# a registry). The Slipway layers themselves are cached by Docker: package.json + package-lock.json
# → `npm install` runs again only when they change; any other source change reruns `next build` only.
# Prints the image tag on the last line of stdout. Env: SLIPWAY_IMAGE (default slipway/slipway:local),
# SLIPWAY_DEBIAN_MIRROR (default: the host's apt sources), SLIPWAY_BUILD_CA_BUNDLE (CA certificates the
# build's npm trusts; default the host's /etc/ssl/certs/ca-certificates.crt).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TAG=${SLIPWAY_IMAGE:-slipway/slipway:local}
SUITE=bookworm
RUNTIME_BASE=slipway/node:20
BUILD_BASE=slipway/node-build:20
LOG_PREFIX=build-slipway-image
# shellcheck source=scripts/lib/image-build.sh
. "$ROOT/scripts/lib/image-build.sh"

FORCE=0
OFFICIAL=0
while [ $# -gt 0 ]; do
  case $1 in
    --force|-f) FORCE=1 ;;
    --official) OFFICIAL=1 ;;
    --tag) TAG=$2; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "build-slipway-image: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

require_engine
hold_build_lock build-slipway-image 900
make_workdir slipway-image

build_local_bases() {
  debian_sources "$SUITE"
  local sources=("${SOURCES[@]}")

  # Node itself: the host's binary (nodesource build, not in any reachable apt repository).
  local node_bin=/usr/bin/node npm_dir=/usr/lib/node_modules/npm headers=/usr/include/node
  for p in "$node_bin" "$npm_dir/bin/npm-cli.js" "$headers/node.h"; do
    [ -e "$p" ] || { log "$p is missing (the host's Node 20 install)"; exit 1; }
  done
  local ca_bundle=${SLIPWAY_BUILD_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
  [ -f "$ca_bundle" ] || { log "$ca_bundle is missing (the host's CA bundle; set SLIPWAY_BUILD_CA_BUNDLE)"; exit 1; }

  # shellcheck disable=SC2016 # "$1" in the hook is expanded by mmdebstrap
  local opts=(
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
    --dpkgopt='force-unsafe-io'
    --customize-hook='rm -rf "$1"/var/cache/apt/*.bin "$1"/var/lib/apt/lists/* "$1"/var/log/apt/* "$1"/var/log/dpkg.log "$1"/var/log/alternatives.log'
    # usrmerge (and the perl it needs) only converts the layout at install time: ~50 MB nothing runs later
    --customize-hook='chroot "$1" dpkg --purge --force-depends usrmerge libfile-find-rule-perl libnumber-compare-perl libtext-glob-perl perl perl-modules-5.36 libperl5.36 >/dev/null'
    # byte-code caches are rebuilt in memory when missing (~20 MB); the image's user could not write them anyway
    --customize-hook='find "$1"/usr/lib/python3* -name __pycache__ -type d -prune -exec rm -rf {} +'
  )
  # The runtime base only (issue 22, ~16 MB): nothing in the image converts charsets with iconv (gconv), runs
  # perl, or reads Python's docs, 2to3 or its self-tests. dpkg's own perl-base goes too: packages are never
  # installed into the runtime image after this point (docker-compose is already in it). apt stays: mmdebstrap
  # itself uses it after these hooks.
  local runtime_trim=(
    --customize-hook='rm -rf "$1"/usr/lib/x86_64-linux-gnu/gconv "$1"/usr/lib/x86_64-linux-gnu/perl-base "$1"/usr/share/perl5 "$1"/usr/bin/perl "$1"/usr/bin/perl5*'
    --customize-hook='cd "$1"/usr/lib/python3.11 && rm -rf pydoc_data lib2to3 test idlelib tkinter turtledemo ensurepip'
    --customize-hook='chroot "$1" docker-compose version >/dev/null'
  )
  # docker-compose (v1, Debian's packaging): stack operations run the compose CLI inside the container
  local runtime_pkgs=ca-certificates,libstdc++6,passwd,docker-compose
  local build_pkgs=ca-certificates,libstdc++6,passwd,python3,make,g++

  local mm_tmp
  mm_tmp=$(mm_tmpdir 3000000)

  # rootfs TAG PACKAGES HASH: mmdebstrap | docker import, skipped when TAG carries HASH (the slow part)
  rootfs() {
    local tag=$1 pkgs=$2 hash=$3 lg=$4 id
    shift 4
    if up_to_date "$tag" "$hash"; then return 0; fi
    if ! id=$(TMPDIR=$mm_tmp mmdebstrap --quiet "${opts[@]}" "$@" --include="$pkgs" "$SUITE" - "${sources[@]}" 2>"$lg" \
        | docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV LANG=C.UTF-8' --change "LABEL $HASH_LABEL=$hash" --change 'CMD ["node"]' - 2>>"$lg"); then
      id=$(printf '%s' "$id" | tail -n1)
      if [ -n "$id" ]; then docker image rm "$id" >/dev/null 2>&1 || true; fi # a partial stream's image
      return 1
    fi
    docker tag "$(printf '%s' "$id" | tail -n1)" "$tag" 2>>"$lg"
  }

  # base NAME TAG PACKAGES: rootfs + Node (a tiny Dockerfile), in the background
  base() {
    local name=$1 tag=$2 pkgs=$3 lg=$WORK/$1.log start ctx=$WORK/$1 hash
    start=$(now)
    local rootfs_tag=slipway/node-rootfs-$name:$SUITE
    local extra=()
    if [ "$name" = runtime ]; then extra=("${runtime_trim[@]}"); fi
    rootfs "$rootfs_tag" "$pkgs" "$(printf '%s\n' rootfs-v1 "$pkgs" "${opts[@]}" "${extra[@]}" | sha256sum | cut -c1-32)" "$lg" "${extra[@]}" || return 1
    mkdir -p "$ctx"
    # The runtime gets Node without its debug symbols (the nodesource binary carries them: ~12 MB of the
    # image, issue 22); the build base keeps the binary as it is.
    if [ "$name" = runtime ]; then strip --strip-debug -o "$ctx/node" "$node_bin"; else cp "$node_bin" "$ctx/node"; fi
    {
      echo "FROM $rootfs_tag"
      echo "COPY node /usr/local/bin/node"
      if [ "$name" = build ]; then
        cp -a "$npm_dir" "$ctx/npm"
        cp -a "$headers" "$ctx/include"
        echo "COPY npm /usr/local/lib/node_modules/npm"
        echo "COPY include /usr/local/include/node"
        echo "RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx"
        # node-gyp finds Node's headers here instead of downloading them
        echo "ENV npm_config_nodedir=/usr/local"
        # The host's CA bundle: npm in the build trusts what the host trusts (this network's TLS
        # egress proxy signs with a local CA). Only the build base gets it, not the runtime image.
        cp "$ca_bundle" "$ctx/host-ca-bundle.crt"
        echo "COPY host-ca-bundle.crt /etc/ssl/certs/host-ca-bundle.crt"
        echo "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/host-ca-bundle.crt npm_config_cafile=/etc/ssl/certs/host-ca-bundle.crt"
      fi
      echo "RUN node --version"
    } >"$ctx/Dockerfile"
    hash=$(cd "$ctx" && { image_id "$rootfs_tag"; find . -type f | LC_ALL=C sort | xargs sha256sum; } | sha256sum | cut -c1-32)
    if ! up_to_date "$tag" "$hash"; then
      local old
      old=$(image_id "$tag")
      docker build -q --label "$HASH_LABEL=$hash" -t "$tag" "$ctx" >>"$lg" 2>&1 || return 1
      if [ -n "$old" ] && [ "$old" != "$(image_id "$tag")" ]; then docker image rm "$old" >/dev/null 2>&1 || true; fi
      elapsed "$start" >"$WORK/$name.time"
    fi
  }

  local jobs=()
  base runtime "$RUNTIME_BASE" "$runtime_pkgs" & jobs+=("$!:runtime:$RUNTIME_BASE")
  base build "$BUILD_BASE" "$build_pkgs" & jobs+=("$!:build:$BUILD_BASE")
  local failed=0 job pid name t1 t2
  for job in "${jobs[@]}"; do
    IFS=: read -r pid name t1 t2 <<<"$job"
    if ! wait "$pid"; then log "building $t1:$t2 failed; last lines of its log:"; tail -n 40 "$WORK/$name.log" >&2 || true; failed=1
    elif [ -f "$WORK/$name.time" ]; then log "built $t1:$t2 in $(cat "$WORK/$name.time")s"; fi
  done
  [ "$failed" -eq 0 ] || exit 1
}

ARGS=()
if [ "$OFFICIAL" -eq 0 ]; then
  build_local_bases
  ARGS+=(--build-arg "NODE_IMAGE=$RUNTIME_BASE" --build-arg "NODE_BUILD_IMAGE=$BUILD_BASE")
fi

# --network host: the build's `npm install` fetches the locked packages from the npm registry, which
# this host reaches directly; the default bridge network of a build container has no guaranteed
# outbound route here (and host networking is what every container on this machine uses).
start=$(now)
old=$(image_id "$TAG")
logf=$WORK/slipway.log
if ! docker build --network host "${ARGS[@]}" -t "$TAG" "$ROOT" >"$logf" 2>&1; then fail_with_log "docker build of $TAG" "$logf"; fi
new=$(image_id "$TAG")
if [ -n "$old" ] && [ "$old" != "$new" ]; then
  log "built $TAG in $(elapsed "$start")s"
  # the replaced image, when nothing else uses it
  if [ "$(docker image inspect -f '{{len .RepoTags}}' "$old" 2>/dev/null || echo x)" = 0 ]; then docker image rm "$old" >/dev/null 2>&1 || true; fi
else
  log "$TAG up to date ($(elapsed "$start")s)"
fi
echo "$TAG"
