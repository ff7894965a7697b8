#!/usr/bin/env bash
# The homelab conformance audit, the same locally and in CI.
#
#   ./run-conformance.sh static [--repo DIR] [--spec FILE] [--entry PATH] [--chart-values CHART=FILE]
#       Audit a GitOps repo offline (default: the fixture repo and its spec).
#   ./run-conformance.sh live [--local | --k3s | --kubeconfig FILE [--context NAME] | --in-cluster]
#       Run the live suite (tests/Conformance) on a target (default --local: a real kube-apiserver
#       built from Debian packages, seeded with fixtures/live and its violation scenarios).
#   ./run-conformance.sh audit [--kubeconfig FILE] [--context NAME] [--in-cluster] [--repo DIR] [--spec FILE]
#       Audit a running cluster, read-only; with --repo, also show its drift from the repo.
#   ./run-conformance.sh rules
#       Print the rule catalogue (the README's table).
#   ./run-conformance.sh test
#       Run every test project (dotnet test); TRX results under $HOMELAB_TEST_RESULTS or reports/test-results.
#
# Exit codes: 0 conformant, 1 not conformant, 2 the run could not be made.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${HOMELAB_BUILD_DIR:-$ROOT/.build/audit}"

usage() {
  # The comment block at the top of this file is the usage.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

build() {
  # Incremental: a second run only checks timestamps (about 2 s).
  local log
  log="$(mktemp)"
  if ! dotnet build "$ROOT/src/Homelab.Audit/Homelab.Audit.csproj" -c Release -o "$BIN" --nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "error: building the audit failed (see above)" >&2
    exit 2
  fi
  rm -f "$log"
}

audit() {
  dotnet "$BIN/homelab-audit.dll" "$@"
}

has_option() {
  local name="$1"; shift
  local arg
  for arg in "$@"; do [[ "$arg" == "$name" || "$arg" == "$name="* ]] && return 0; done
  return 1
}

command="${1:-}"
[[ $# -gt 0 ]] && shift
case "$command" in
  static)
    build
    args=("$@")
    # With no repo named anywhere, audit the embedded fixture against its spec.
    if ! has_option --repo "$@" && [[ -z "${HOMELAB_REPO:-}" ]]; then
      args+=(--repo "$ROOT/fixtures/homelab")
      has_option --spec "$@" || [[ -n "${HOMELAB_SPEC:-}" ]] || args+=(--spec "$ROOT/fixtures/architecture.yaml")
    fi
    audit static "${args[@]}"
    ;;
  live)
    target=local
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --local) target=local ;;
        --k3s) target=k3s ;;
        --in-cluster) target=in-cluster ;;
        --kubeconfig) target=kubeconfig; export HOMELAB_KUBECONFIG="${2:?--kubeconfig needs a file}"; shift ;;
        --context) export HOMELAB_CONTEXT="${2:?--context needs a name}"; shift ;;
        *) echo "error: live: unknown option '$1'" >&2; exit 2 ;;
      esac
      shift
    done
    HOMELAB_LIVE_TARGET="$target" dotnet test --project "$ROOT/tests/Conformance"
    ;;
  audit)
    build
    has_option --spec "$@" || [[ -n "${HOMELAB_SPEC:-}" ]] || set -- "$@" --spec "$ROOT/fixtures/architecture.yaml"
    audit live "$@"
    ;;
  rules)
    build
    audit rules "$@"
    ;;
  test)
    results="${HOMELAB_TEST_RESULTS:-$ROOT/reports/test-results}"
    rm -rf "$results"
    dotnet test --solution "$ROOT/Homelab.Tests.sln" --results-directory "$results" --report-xunit-trx "$@"
    ;;
  -h|--help|help|"")
    usage
    [[ -n "$command" ]]
    ;;
  *)
    echo "error: unknown command '$command'" >&2
    usage >&2
    exit 2
    ;;
esac
