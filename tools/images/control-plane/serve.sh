#!/usr/bin/env bash
# The control-plane image's entrypoint: start.sh in /state, then stay up until the container is
# stopped (TERM stops the three processes in order), or until the apiserver dies (exit 1, so the
# container's state says so).
set -uo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
"$here/start.sh" /state || exit 1
trap '"$here/stop.sh" /state; exit 0' TERM INT
while kill -0 "$(cat /state/pids/kube-apiserver.pid)" 2>/dev/null; do
  sleep 1 &
  wait $!
done
echo "kube-apiserver exited; last lines of its log:" >&2
tail -n 25 /state/logs/kube-apiserver.log >&2
exit 1
