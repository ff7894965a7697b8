#!/usr/bin/env bash
# A Debian bookworm base image made here, with no registry: a minbase root from debootstrap with
# the given packages, imported with `docker import`. Cached by its inputs: the image tag and a
# tarball under the cache folder both carry the hash of the suite, the packages and this script.
#
#   tools/images/debian-root.sh NAME PACKAGE...   -> stdout: the image, homelab-conformance/NAME:HASH
#
# Env: HOMELAB_IMAGE_CACHE (default: $HOME/.cache/homelab-conformance/images)
set -euo pipefail

log() { printf '[debian-root.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=tools/lib/debian-archive.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/debian-archive.sh"

(($# >= 1)) || die "usage: $0 NAME PACKAGE..."
name=$1
shift
packages=$(printf '%s\n' "$@" | sort -u | paste -sd, -)
key=$( { echo bookworm "$packages"; cat "${BASH_SOURCE[0]}"; } | sha256sum | cut -c1-12)
image=homelab-conformance/$name:$key
cache=${HOMELAB_IMAGE_CACHE:-$HOME/.cache/homelab-conformance/images}
tarball=$cache/$name-$key.tar

if docker image inspect "$image" >/dev/null 2>&1; then
  log "cached image $image"
elif [[ -s $tarball ]]; then
  log "importing $image from $tarball"
  docker import - "$image" <"$tarball" >/dev/null
else
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
  archive=$(debian_archive | head -n1)
  [[ -n $archive ]] || die "no enabled 'deb ... bookworm' source found in /etc/apt"
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  log "debootstrap bookworm (minbase${packages:+ + $packages}) from ${archive%%$'\t'*}"
  debootstrap --variant=minbase ${packages:+--include="$packages"} bookworm "$root" "${archive%%$'\t'*}" >"$root.log" 2>&1 ||
    { tail -n 20 "$root.log" >&2; die "debootstrap failed (log: $root.log)"; }
  rm -f "$root.log"
  # Nothing of the build machine's apt state belongs in an image.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  chmod 755 "$root"   # mktemp made it 0700: it is the image's /
  mkdir -p "$cache"
  tar --numeric-owner -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  docker import - "$image" <"$tarball" >/dev/null
  log "imported $image ($(du -h "$tarball" | cut -f1))"
fi
printf '%s\n' "$image"
