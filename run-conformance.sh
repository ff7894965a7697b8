#!/usr/bin/env bash
# The homelab conformance audit, the same locally and in CI.
#
#   ./run-conformance.sh static [--repo DIR] [--spec FILE] [--entry PATH] [--chart-values CHART=FILE]
#       Audit a GitOps repo offline (default: the fixture repo and its spec).
#   ./run-conformance.sh live [--kubeconfig FILE] [--context NAME] [--in-cluster] [--spec FILE]
#       Audit a running cluster, read-only.
#   ./run-conformance.sh live-suite [local|k3s|kubeconfig|in-cluster]
#       Run the live test suite (tests/Conformance) against a target (default: local control plane).
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
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
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
    build
    has_option --spec "$@" || [[ -n "${HOMELAB_SPEC:-}" ]] || set -- "$@" --spec "$ROOT/fixtures/architecture.yaml"
    audit live "$@"
    ;;
  live-suite)
    HOMELAB_LIVE_TARGET="${1:-local}" dotnet test --project "$ROOT/tests/Conformance"
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
