#!/usr/bin/env bash
# Builds the project's images with no registry, each tagged with the hash of its inputs, so a
# second run with nothing changed builds nothing:
#   audit          deploy/Dockerfile on a debootstrap'd Debian root with runtime-deps' libraries,
#                  holding the self-contained binary of tools/package/binaries.sh for this machine
#   control-plane  tools/images/control-plane/Dockerfile: the local control plane of
#                  tools/local-control-plane (the live suite's `container` target)
#
#   tools/images/build.sh [audit] [control-plane]   (default: both)
#   stdout: HOMELAB_AUDIT_IMAGE=... and HOMELAB_LCP_IMAGE=... lines; stderr: progress.
# Never pulls: every base is local, and the legacy builder never pulls a base it has.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tools/images"
cache=${HOMELAB_IMAGE_CACHE:-$HOME/.cache/homelab-conformance/images}
export DOCKER_BUILDKIT=0   # BuildKit would fetch its Dockerfile frontend for some syntaxes; the legacy builder never does

log() { printf '[images/build.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd, or set DOCKER_HOST)"
case $(uname -m) in
  x86_64) arch=amd64 ;;
  aarch64) arch=arm64 ;;
  *) die "no image for machine $(uname -m)" ;;
esac

# The hash of the named files and folders as they are in the work tree (committed or not).
inputs_hash() {
  (cd "$root" && git ls-files -co --exclude-standard -- "$@" | LC_ALL=C sort | xargs -d '\n' sha256sum) | sha256sum | cut -c1-12
}

# build_image IMAGE CONTEXT DOCKERFILE BUILD-ARG...: unless IMAGE is already there.
build_image() {
  local image=$1 context=$2 dockerfile=$3 args=() a
  shift 3
  for a in "$@"; do args+=(--build-arg "$a"); done
  if docker image inspect "$image" >/dev/null 2>&1; then
    log "cached image $image"
    return
  fi
  log "building $image"
  local out
  out=$(mktemp)
  docker build -q -f "$dockerfile" "${args[@]}" -t "$image" "$context" >"$out" 2>&1 || { cat "$out" >&2; rm -f "$out"; die "docker build of $image failed"; }
  rm -f "$out"
}

audit() {
  local base key bin
  base=$("$here/debian-root.sh" bookworm-runtime ca-certificates libicu72 libssl3 tzdata)
  key=$( { echo "$base"; inputs_hash src Directory.Build.props Directory.Packages.props global.json deploy/Dockerfile tools/package/binaries.sh; } | sha256sum | cut -c1-12)
  image=homelab-conformance/audit:$key
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    bin=$cache/audit-bin-$key
    [[ -x $bin/linux-$arch/homelab-audit ]] || {
      log "publishing the $arch binary"
      "$root/tools/package/binaries.sh" "$bin" "$arch" >/dev/null
    }
    build_image "$image" "$bin" "$root/deploy/Dockerfile" "BASE=$base" "TARGETARCH=$arch"
    rm -rf "$bin/.build"
  fi
  echo "HOMELAB_AUDIT_IMAGE=$image"
}

control_plane() {
  local base bin key context
  base=$("$here/debian-root.sh" bookworm-control-plane ca-certificates curl etcd-server openssl python3)
  bin=$("$root/tools/local-control-plane/build.sh" | tail -n1)
  key=$( { echo "$base $(basename "$(dirname "$bin")")"; cd "$root" && cat tools/images/control-plane/* tools/local-control-plane/start.sh tools/local-control-plane/stop.sh; } | sha256sum | cut -c1-12)
  image=homelab-conformance/control-plane:$key
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    context=$(mktemp -d)
    cp -r "$bin" "$context/bin"
    cp "$here/control-plane/serve.sh" "$root/tools/local-control-plane/start.sh" "$root/tools/local-control-plane/stop.sh" "$context/"
    build_image "$image" "$context" "$here/control-plane/Dockerfile" "BASE=$base"
    rm -rf "$context"
  fi
  echo "HOMELAB_LCP_IMAGE=$image"
}

(($# > 0)) || set -- audit control-plane
for what in "$@"; do
  case $what in
    audit) audit ;;
    control-plane) control_plane ;;
    *) die "unknown image '$what' (audit or control-plane)" ;;
  esac
done
