#!/usr/bin/env bash
# The benchmark behind `run-conformance.sh bench`: static audits of generated repos (small = the
# fixture, medium = 2,000 files, large = 10,000 files, real = ~1,200 files laid out as homelab repos
# are) and live audits of 1,000 and 10,000 objects
# on a local kube-apiserver, against `cat` and `kubectl` baselines. Options: see bench.py --help.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -x /usr/bin/time ]]; then
  echo "installing Debian's 'time' package (for peak memory)..." >&2
  apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi
exec python3 "$HERE/bench.py" "$@"
