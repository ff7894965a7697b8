#!/usr/bin/env bash
# The homelab conformance audit, the same locally and in CI.
#
#   ./run-conformance.sh static [any option of `homelab-audit static`: --repo DIR --spec FILE --entry PATH --format json|sarif|junit|md|html --only/--skip RULE... ...]
#       Audit a GitOps repo offline (default: the fixture repo and its spec). `static --help` lists every option.
#   ./run-conformance.sh live TARGET [any option of `homelab-audit live`: --spec FILE --entry PATH --strict --timeout SECONDS --format FORMAT ...]
#       Audit a running cluster, read-only. TARGET is one of
#         --kubeconfig FILE [--context NAME]   a real cluster (default: $KUBECONFIG)
#         --in-cluster                          from a pod, with its ServiceAccount
#         --local [--scenario NAME]             a real kube-apiserver started here and seeded with
#                                               fixtures/live (and one violation scenario)
#         --container                           the live test suite on the local control plane in a
#                                               container (Testcontainers; needs Docker, builds its image)
#         --k3s                                 the live test suite on a k3s container (needs Docker and
#                                               the image rancher/k3s, or HOMELAB_K3S_PULL=1)
#   ./run-conformance.sh all TARGET [--repo DIR] [any option of `homelab-audit live`]
#       Both: audit the cluster and show where it drifted from the repo (default with --local:
#       the fixture repo). `live --help` (or `all --help`) lists every option; each is passed on unchanged.
#   ./run-conformance.sh live-suite [local|container|k3s|kubeconfig|in-cluster]
#       The live test suite (tests/Conformance): one test per rule, and on local/k3s every scenario.
#   ./run-conformance.sh rules
#       Print the rule catalogue (the README's table).
#   ./run-conformance.sh bench [--sizes small,medium,large,real] [--live 1000,10000] [--runs 5]
#       Benchmark static audits of generated repos and live audits of a seeded local API server
#       against `cat` and `kubectl` on the same input; one table, JSON under reports/bench/.
#   ./run-conformance.sh test
#       Run every test project (dotnet test); TRX results under $HOMELAB_TEST_RESULTS or reports/test-results.
#
# Reports go to reports/<run-id>/ (reports/latest points at the newest); HOMELAB_REPORTS moves them.
# Progress (building, starting the local control plane) goes to stderr when it is a terminal.
# Exit codes: 0 conformant, 1 not conformant, 2 the run could not be made.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${HOMELAB_BUILD_DIR:-$ROOT/.build/audit}"
REPORTS="${HOMELAB_REPORTS:-$ROOT/reports}"

usage() {
  # The comment block at the top of this file is the usage.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

# A line on stderr for a step that may take a while, only when stderr is a terminal (CI and tests see none).
progress() {
  [[ -t 2 ]] && echo "$*" >&2
  return 0
}

build() {
  # Published ReadyToRun (precompiled for this machine): the audit starts in half the time of a
  # plain build. Incremental: a second run only checks timestamps (about 2 s).
  local log
  [[ -f "$BIN/homelab-audit.dll" ]] || progress "building the audit (first time: about 30 s)..."
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

# The local control plane's binaries: built on first use (installs Go and etcd, about 4.5 minutes on
# 2 cores, then cached), with build.sh's progress shown on a terminal and kept for an error otherwise.
build_control_plane() {
  local log
  log="$(mktemp)"
  progress "checking the local control plane build (the first time builds kube-apiserver: about 4.5 minutes)..."
  if [[ -t 2 ]]; then "$ROOT/tools/local-control-plane/build.sh" >/dev/null || { echo "error: building the local control plane failed (see above)" >&2; exit 2; }
  elif ! "$ROOT/tools/local-control-plane/build.sh" >/dev/null 2>"$log"; then
    cat "$log" >&2; rm -f "$log"
    echo "error: building the local control plane failed (see above)" >&2
    exit 2
  fi
  rm -f "$log"
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
    # Help is the CLI's own, whole: no build of a control plane, no defaults added.
    if has_option --help "$@" || has_option -h "$@"; then build; audit live --help; exit 0; fi
    cluster=(); extra=(); target=kubeconfig; scenario=""; repo=""; spec=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --local) target=local ;;
        --k3s) target=k3s ;;
        --container) target=container ;;
        --scenario) scenario="${2:?--scenario needs a name}"; shift ;;
        --scenario=*) scenario="${1#*=}" ;;
        --repo) repo="${2:?--repo needs a folder}"; shift ;;
        --repo=*) repo="${1#*=}" ;;
        --spec) spec="${2:?--spec needs a file}"; shift ;;
        --spec=*) spec="${1#*=}" ;;
        # Every other option (--kubeconfig, --context, --in-cluster, --entry, --format, --only, ...) is the CLI's, passed on as given.
        *) extra+=("$1") ;;
      esac
      shift
    done
    if [[ "$target" == k3s || "$target" == container ]]; then
      HOMELAB_LIVE_TARGET="$target" exec dotnet test --project "$ROOT/tests/Conformance"
    fi
    build
    if [[ "$target" == local ]]; then
      build_control_plane
      dotnet build "$ROOT/tools/Homelab.Seed/Homelab.Seed.csproj" -c Release -o "$ROOT/.build/seed" --nologo -v quiet >/dev/null || exit 2
      state="$(mktemp -d)"
      trap '"$ROOT/tools/local-control-plane/stop.sh" "$state" >/dev/null 2>&1; rm -rf "$state" "$state.log"' EXIT
      progress "starting a local control plane (about 10 s)..."
      "$ROOT/tools/local-control-plane/start.sh" "$state" >/dev/null 2>"$state.log" || { cat "$state.log" >&2; echo "error: the local control plane did not start" >&2; exit 2; }
      dotnet "$ROOT/.build/seed/homelab-seed.dll" "$state/admin.kubeconfig" "$ROOT/fixtures/live" ${scenario:+"$scenario"} || exit 2
      cluster+=(--kubeconfig "$state/admin.kubeconfig")
      [[ "$command" == all && -z "$repo" ]] && repo="$ROOT/fixtures/homelab"
    fi
    [[ -n "$spec" || -n "${HOMELAB_SPEC:-}" ]] || spec="$ROOT/fixtures/architecture.yaml"
    if [[ "$command" == all && -z "$repo" ]]; then echo "error: all needs --repo DIR (the GitOps repo to compare with)" >&2; exit 2; fi
    set +e
    audit live ${cluster[@]+"${cluster[@]}"} ${spec:+--spec "$spec"} ${repo:+--repo "$repo"} ${extra[@]+"${extra[@]}"} --reports "$REPORTS"
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
