#!/usr/bin/env bash
# Stops the control plane that start.sh started in STATE_DIR. Idempotent.
#
# Usage: stop.sh STATE_DIR
#
# Only PIDs from STATE_DIR/pids/*.pid are signalled, and only if that process's
# command line still mentions STATE_DIR (guards against PID reuse). Order:
# controller-manager, apiserver, etcd; TERM, bounded wait, then KILL.
# STATE_DIR itself (logs, PKI, etcd data) is left for inspection.
set -euo pipefail

readonly TERM_WAIT=${HOMELAB_LCP_STOP_TIMEOUT:-15} # seconds before KILL

log() { printf '[stop.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

(($# == 1)) || { log "usage: $0 STATE_DIR"; exit 2; }
[[ -d $1 ]] || { log "no such directory: $1 (nothing to stop)"; exit 0; }
STATE_DIR=$(cd "$1" && pwd -P)
readonly STATE_DIR PIDS=$STATE_DIR/pids

# ours PID: alive and started by start.sh for this STATE_DIR.
ours() {
  [[ $1 =~ ^[0-9]+$ ]] && [[ -r /proc/$1/cmdline ]] &&
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$STATE_DIR/"
}

# wait_gone PID SECONDS: true once the process is gone (or a zombie).
wait_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [[ -d /proc/$pid ]] || return 0
    [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) == Z ]] && return 0
    sleep 0.1
  done
  [[ ! -d /proc/$pid ]]
}

stop_one() {
  local name=$1 file=$PIDS/$1.pid pid
  [[ -f $file ]] || return 0
  pid=$(<"$file")
  if ours "$pid"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$TERM_WAIT"; then
      log "$name (pid $pid) ignored TERM for ${TERM_WAIT}s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || { log "ERROR: $name (pid $pid) survived KILL"; return 1; }
    fi
  else
    log "$name: pid '$pid' not running (or not ours); skipping"
  fi
  rm -f "$file"
}

rc=0
for name in kube-controller-manager kube-apiserver etcd; do
  stop_one "$name" || rc=1
done
# Any other pid file (none today) is handled the same way.
shopt -s nullglob
for file in "$PIDS"/*.pid; do
  name=${file##*/}
  stop_one "${name%.pid}" || rc=1
done
exit "$rc"
