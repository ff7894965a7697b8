#!/usr/bin/env bash
# Builds kube-apiserver and kube-controller-manager (Kubernetes v1.20.2) from
# Debian bookworm's own `kubernetes` source package and caches the binaries
# outside the repository. Idempotent: a warm cache makes this a no-op.
#
# stdout: exactly one line, the absolute bin directory (last line).
# stderr: progress.
#
# Env:
#   HOMELAB_KUBE_CACHE  cache root (default: $HOME/.cache/homelab-conformance)
set -euo pipefail

# Pin the upstream (orig) tarball, not the Debian revision: the revision can
# change with a point release while the upstream tree stays the same.
readonly ORIG_SHA256=b83c0780efb182d928dc63d46488a847f161f04e40a94b96bf5247dd671ecdfc
readonly ORIG_NAME=kubernetes_1.20.5+really1.20.2.orig.tar.gz
readonly KUBE_GIT_VERSION_PIN=v1.20.2
readonly GO_ROOT=/usr/lib/go-1.19
readonly REFLECT2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2
readonly BINARIES=(kube-apiserver kube-controller-manager)
# Packages start.sh needs at run time (etcd is Debian's, not built here).
readonly RUNTIME_PACKAGES=(etcd-server openssl python3 curl ca-certificates)
readonly BUILD_PACKAGES=(golang-1.19-go golang-1.19-src rsync make dpkg-dev
  golang-github-modern-go-reflect2-dev)

CACHE_ROOT=${HOMELAB_KUBE_CACHE:-$HOME/.cache/homelab-conformance}
KEY=kube-${ORIG_SHA256:0:12}
CACHE_DIR=$CACHE_ROOT/$KEY
BIN_DIR=$CACHE_DIR/bin
WORK_DIR=$CACHE_DIR/work

log() { printf '[build.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=tools/lib/debian-archive.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/debian-archive.sh"

binaries_ok() {
  local b
  for b in "${BINARIES[@]}"; do
    [[ -x $BIN_DIR/$b ]] || return 1
    "$BIN_DIR/$b" --version >/dev/null 2>&1 || return 1
  done
}

missing_packages() {
  local p status
  for p in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [[ $status == installed ]] || printf '%s\n' "$p"
  done
}

# apt-get update at most once per run, and only if something is missing.
APT_UPDATED=0
ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing apt packages: ${missing[*]}"
  # Quiet: dpkg chatter goes to a temp log that is shown only on failure.
  local out
  out=$(mktemp)
  if { ((APT_UPDATED == 1)) || "${sudo[@]}" apt-get update -qq; } >"$out" 2>&1 &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$out" 2>&1; then
    APT_UPDATED=1
    rm -f "$out"
  else
    cat "$out" >&2
    rm -f "$out"
    die "apt-get failed installing: ${missing[*]}"
  fi
}

# Downloads the orig tarball via apt-get source with a PRIVATE deb-src list,
# lists dir and cache, so the system's apt state is never touched.
fetch_source() {
  local dl=$WORK_DIR/download archive uri signed opts
  archive=$(debian_archive | head -n1)
  [[ -n $archive ]] || die "no enabled 'deb ... bookworm' source found in /etc/apt"
  uri=${archive%%$'\t'*}
  signed=${archive#*$'\t'}
  log "Debian archive from system apt sources: $uri"
  mkdir -p "$WORK_DIR/apt/lists/partial" "$WORK_DIR/apt/cache/archives/partial" "$dl"
  if [[ -n $signed && -e $signed ]]; then opts="[signed-by=$signed] "; else opts=""; fi
  printf 'deb-src %s%s bookworm main\n' "$opts" "$uri" >"$WORK_DIR/apt/sources.list"
  local apt_opts=(
    -o "Dir::Etc::SourceList=$WORK_DIR/apt/sources.list"
    -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$WORK_DIR/apt/lists"
    -o "Dir::Cache=$WORK_DIR/apt/cache"
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
  )
  # Root's $HOME is not readable by the _apt sandbox user; download as root.
  ((EUID == 0)) && apt_opts+=(-o APT::Sandbox::User=root)
  log "apt-get update (private deb-src list)"
  apt-get "${apt_opts[@]}" update -qq >&2
  log "apt-get source --download-only kubernetes"
  (cd "$dl" && apt-get "${apt_opts[@]}" source --download-only -qq kubernetes >&2)
  [[ -f $dl/$ORIG_NAME ]] || die "apt-get source did not produce $ORIG_NAME (got: $(ls "$dl"))"
  local got
  got=$(sha256sum "$dl/$ORIG_NAME" | cut -d' ' -f1)
  [[ $got == "$ORIG_SHA256" ]] || die "sha256 mismatch for $ORIG_NAME: got $got, want $ORIG_SHA256"
  log "verified $ORIG_NAME sha256=$got"
}

build() {
  local gopath=$WORK_DIR/gopath
  local tree=$gopath/src/k8s.io/kubernetes
  rm -rf "$gopath"
  mkdir -p "$tree"
  log "extracting source tree"
  tar -xzf "$WORK_DIR/download/$ORIG_NAME" -C "$tree" --strip-components=1
  [[ -f $tree/cmd/kube-apiserver/apiserver.go ]] || die "unexpected tarball layout"

  # Vendored reflect2 1.0.1 segfaults under Go >= 1.18 (first CR create);
  # Debian's 1.0.2 is API-compatible. Copy only non-test Go sources + licence.
  log "replacing vendor/github.com/modern-go/reflect2 with Debian's 1.0.2"
  local r2=$tree/vendor/github.com/modern-go/reflect2 f
  rm -rf "$r2"
  mkdir -p "$r2"
  for f in "$REFLECT2_SRC"/*; do
    case $f in
      *_test.go) ;;
      *.go | *.s | */LICENSE) cp -L "$f" "$r2/" ;;
    esac
  done
  ls "$r2"/*.go >/dev/null 2>&1 || die "no Go files copied from $REFLECT2_SRC"

  # No .git in a tarball: hand the version to hack/lib/version.sh via a file.
  local major minor
  major=${KUBE_GIT_VERSION_PIN#v}; major=${major%%.*}
  minor=${KUBE_GIT_VERSION_PIN#v*.}; minor=${minor%%.*}
  cat >"$WORK_DIR/version.env" <<EOF
KUBE_GIT_VERSION='$KUBE_GIT_VERSION_PIN'
KUBE_GIT_MAJOR='$major'
KUBE_GIT_MINOR='$minor'
KUBE_GIT_TREE_STATE='clean'
KUBE_GIT_COMMIT=''
EOF

  local w
  for w in "${BINARIES[@]}"; do
    log "make WHAT=cmd/$w (slow: ~2-4 min cold on 2 cores)"
    (
      cd "$tree"
      export GOPATH=$gopath GOROOT=$GO_ROOT PATH=$GO_ROOT/bin:$PATH
      # Offline, static, and all caches inside the work dir (deleted later).
      export CGO_ENABLED=0 GOPROXY=off GOFLAGS=-mod=vendor GOCACHE=$WORK_DIR/gocache
      export KUBE_GIT_VERSION_FILE=$WORK_DIR/version.env
      make WHAT="cmd/$w" >&2
    )
  done

  local out=$tree/_output/bin tmp=$CACHE_DIR/bin.tmp.$$
  rm -rf "$tmp"
  mkdir -p "$tmp"
  for w in "${BINARIES[@]}"; do
    [[ -x $out/$w ]] || die "build finished but $out/$w is missing"
    cp "$out/$w" "$tmp/$w"
  done
  # Atomic publish: readers either see no bin dir or a complete one.
  rm -rf "$BIN_DIR"
  mv "$tmp" "$BIN_DIR"
}

main() {
  ensure_packages "${RUNTIME_PACKAGES[@]}"
  if binaries_ok; then
    log "cached binaries OK: $BIN_DIR"
    printf '%s\n' "$BIN_DIR"
    return 0
  fi

  mkdir -p "$CACHE_ROOT"
  # One builder at a time; the loser waits, then finds a warm cache.
  exec 9>"$CACHE_ROOT/$KEY.lock"
  if ! flock -n 9; then
    log "another build.sh holds $CACHE_ROOT/$KEY.lock; waiting"
    flock 9
  fi
  if binaries_ok; then
    log "cached binaries OK (built by a concurrent run): $BIN_DIR"
    printf '%s\n' "$BIN_DIR"
    return 0
  fi

  local t0=$SECONDS
  ensure_packages "${BUILD_PACKAGES[@]}"
  [[ -x $GO_ROOT/bin/go ]] || die "$GO_ROOT/bin/go not found"
  rm -rf "$WORK_DIR"
  mkdir -p "$WORK_DIR"
  fetch_source
  build
  binaries_ok || die "built binaries do not run --version"
  # Keep only the binaries (the tree + Go cache are several GB).
  rm -rf "$WORK_DIR"
  log "built in $((SECONDS - t0)) s: $("$BIN_DIR/kube-apiserver" --version)"
  printf '%s\n' "$BIN_DIR"
}

main "$@"
