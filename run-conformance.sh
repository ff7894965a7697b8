#!/usr/bin/env bash
# The homelab conformance audit, the same locally and in CI.
#
#   ./run-conformance.sh static [--repo DIR] [--spec FILE] [--entry PATH] [--chart-values CHART=FILE] [--strict]
#       Audit a GitOps repo offline (default: the fixture repo and its spec).
#   ./run-conformance.sh live TARGET [--spec FILE] [--strict] [--timeout SECONDS] [--stats] [any option of `homelab-audit live`]
#       Audit a running cluster, read-only. TARGET is one of
#         --kubeconfig FILE [--context NAME]   a real cluster (default: $KUBECONFIG)
#         --in-cluster                          from a pod, with its ServiceAccount
#         --local [--scenario NAME]             a real kube-apiserver started here and seeded with
#                                               fixtures/live (and one violation scenario)
#         --container                           the live test suite on the local control plane in a
#                                               container (Testcontainers; needs Docker, builds its image)
#         --k3s                                 the live test suite on a k3s container (needs Docker and
#                                               the image rancher/k3s, or HOMELAB_K3S_PULL=1)
#   ./run-conformance.sh all TARGET [--repo DIR] [--spec FILE] [--entry PATH] [--chart-values CHART=FILE]
#       Both: audit the cluster and show where it drifted from the repo (default with --local:
#       the fixture repo).
#   ./run-conformance.sh live-suite [local|container|k3s|kubeconfig|in-cluster]
#       The live test suite (tests/Conformance): one test per rule, and on local/k3s every scenario.
#   ./run-conformance.sh rules
#       Print the rule catalogue (the README's table).
#   ./run-conformance.sh bench [--sizes small,medium,large] [--live 1000,10000] [--runs 5]
#       Benchmark static audits of generated repos and live audits of a seeded local API server
#       against `cat` and `kubectl` on the same input; one table, JSON under reports/bench/.
#   ./run-conformance.sh test
#       Run every test project (dotnet test); TRX results under $HOMELAB_TEST_RESULTS or reports/test-results.
#
# Reports go to reports/<run-id>/ (reports/latest points at the newest); HOMELAB_REPORTS moves them.
# Exit codes: 0 conformant, 1 not conformant, 2 the run could not be made.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${HOMELAB_BUILD_DIR:-$ROOT/.build/audit}"
REPORTS="${HOMELAB_REPORTS:-$ROOT/reports}"

usage() {
  # The comment block at the top of this file is the usage.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

build() {
  # Published ReadyToRun (precompiled for this machine): the audit starts in half the time of a
  # plain build. Incremental: a second run only checks timestamps (about 2 s).
  local log
  log="$(mktemp)"
  if ! dotnet publish "$ROOT/src/Homelab.Cli/Homelab.Cli.csproj" -c Release --use-current-runtime --self-contained false \
      -p:PublishReadyToRun=true -o "$BIN" --nologo -v quiet >"$log" 2>&1; then
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

# ReportGenerator (a local dotnet tool) turns the runs' Cobertura files into reports/coverage/.
coverage() {
  local files
  files="$(find "$1" -name 'coverage.cobertura*.xml' | paste -sd ';' -)"
  [[ -n "$files" ]] || { echo "warning: no coverage files under $1" >&2; return 0; }
  (cd "$ROOT" && dotnet tool restore >/dev/null) || { echo "warning: ReportGenerator could not be restored" >&2; return 0; }
  (cd "$ROOT" && dotnet tool run reportgenerator "-reports:$files" "-targetdir:$REPORTS/coverage" \
    "-reporttypes:Html;MarkdownSummaryGithub;TextSummary" "-assemblyfilters:+Homelab.*;-*.Tests" >/dev/null) \
    && echo "Coverage: $REPORTS/coverage/index.html, $REPORTS/coverage/SummaryGithub.md" \
    && sed -n '/^Summary/,/^$/p' "$REPORTS/coverage/Summary.txt"
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
      # The fixture's charts are pinned by the embedded defaults: its run sends no request.
      args+=(--repo "$ROOT/fixtures/homelab")
      has_option --offline "$@" || args+=(--offline)
      has_option --spec "$@" || [[ -n "${HOMELAB_SPEC:-}" ]] || args+=(--spec "$ROOT/fixtures/architecture.yaml")
    fi
    audit static "${args[@]}" --reports "$REPORTS"
    ;;
  live|all)
    cluster=(); extra=(); target=kubeconfig; scenario=""; repo=""; spec=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --local) target=local ;;
        --k3s) target=k3s ;;
        --container) target=container ;;
        --in-cluster) target=in-cluster; cluster+=(--in-cluster) ;;
        --kubeconfig|--context) cluster+=("$1" "${2:?$1 needs a value}"); shift ;;
        --scenario) scenario="${2:?--scenario needs a name}"; shift ;;
        --repo) repo="${2:?--repo needs a folder}"; shift ;;
        --spec) spec="${2:?--spec needs a file}"; shift ;;
        # Every other option (--entry, --chart-values, --strict, --stats, --timeout, --help, ...) is the CLI's.
        *) extra+=("$1") ;;
      esac
      shift
    done
    if [[ "$target" == k3s || "$target" == container ]]; then
      HOMELAB_LIVE_TARGET="$target" exec dotnet test --project "$ROOT/tests/Conformance"
    fi
    build
    if [[ "$target" == local ]]; then
      dotnet build "$ROOT/tools/Homelab.Seed/Homelab.Seed.csproj" -c Release -o "$ROOT/.build/seed" --nologo -v quiet >/dev/null || exit 2
      state="$(mktemp -d)"
      trap '"$ROOT/tools/local-control-plane/stop.sh" "$state" >/dev/null 2>&1; rm -rf "$state" "$state.log"' EXIT
      echo "starting a local control plane (about 10 s)..." >&2
      "$ROOT/tools/local-control-plane/start.sh" "$state" >/dev/null 2>"$state.log" || { cat "$state.log" >&2; echo "error: the local control plane did not start" >&2; exit 2; }
      dotnet "$ROOT/.build/seed/homelab-seed.dll" "$state/admin.kubeconfig" "$ROOT/fixtures/live" ${scenario:+"$scenario"} || exit 2
      cluster+=(--kubeconfig "$state/admin.kubeconfig")
      [[ "$command" == all && -z "$repo" ]] && repo="$ROOT/fixtures/homelab"
    fi
    [[ -n "$spec" || -n "${HOMELAB_SPEC:-}" ]] || spec="$ROOT/fixtures/architecture.yaml"
    if [[ "$command" == all && -z "$repo" ]]; then echo "error: all needs --repo DIR (the GitOps repo to compare with)" >&2; exit 2; fi
    set +e
    audit live "${cluster[@]}" ${spec:+--spec "$spec"} ${repo:+--repo "$repo"} "${extra[@]}" --reports "$REPORTS"
    status=$?
    set -e
    exit "$status"
    ;;
  live-suite)
    HOMELAB_LIVE_TARGET="${1:-local}" dotnet test --project "$ROOT/tests/Conformance"
    ;;
  rules)
    build
    audit rules "$@"
    ;;
  bench)
    exec "$ROOT/tools/bench/bench.sh" "$@"
    ;;
  test)
    results="${HOMELAB_TEST_RESULTS:-$ROOT/reports/test-results}"
    rm -rf "$results"
    set +e
    dotnet test --solution "$ROOT/Homelab.Tests.sln" --results-directory "$results" --report-xunit-trx \
      --coverlet --coverlet-output-format cobertura --coverlet-include '[Homelab.*]*' --coverlet-exclude '[Homelab.*.Tests]*' "$@"
    status=$?
    set -e
    coverage "$results"
    exit "$status"
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
