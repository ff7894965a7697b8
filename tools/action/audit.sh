#!/usr/bin/env bash
# The logic of the composite action (action.yml), runnable the same way outside GitHub: runs the
# audit of a GitOps repo (static), of its cluster (live) or both with the drift (all), keeps the requested report formats in one folder, writes the
# job summary and the step outputs. It never fails the step itself: action.yml fails the job
# from the verdict, after the reports are published.
#
# Env (the action's inputs): INPUT_COMMAND (static | live | all; default static),
#   INPUT_REPO_PATH (default .), INPUT_SPEC, INPUT_CLUSTER, INPUT_KUBECONFIG, INPUT_CONTEXT,
#   INPUT_STRICT (true|false), INPUT_FORMATS (comma-separated: sarif,md,html,json,junit);
#   HOMELAB_AUDIT (the command, default homelab-audit); RUNNER_TEMP, GITHUB_OUTPUT,
#   GITHUB_STEP_SUMMARY (GitHub's; temp files and no summary when unset).
# Outputs: verdict (conformant | not-conformant | error), exit-code, report-folder.
set -uo pipefail

repo=${INPUT_REPO_PATH:-.}
formats=${INPUT_FORMATS:-sarif,md,html,json,junit}
temp=${RUNNER_TEMP:-$(mktemp -d)}
output=${GITHUB_OUTPUT:-/dev/null}
read -r -a audit <<<"${HOMELAB_AUDIT:-homelab-audit}"

command=${INPUT_COMMAND:-static}
case $command in
  static) args=(static --repo "$repo") ;;
  all) args=(all --repo "$repo") ;;
  live) args=(live) ;;
  *) echo "::error::command: '$command' is not static, live or all"; echo "verdict=error" >>"$output"; exit 0 ;;
esac
args+=(--reports "$temp/homelab-conformance-runs")
[[ -n ${INPUT_SPEC:-} ]] && args+=(--spec "$INPUT_SPEC")
[[ -n ${INPUT_CLUSTER:-} && $command != live ]] && args+=(--cluster "$INPUT_CLUSTER")
[[ -n ${INPUT_KUBECONFIG:-} && $command != static ]] && args+=(--kubeconfig "$INPUT_KUBECONFIG")
[[ -n ${INPUT_CONTEXT:-} && $command != static ]] && args+=(--context "$INPUT_CONTEXT")
[[ ${INPUT_STRICT:-false} == true ]] && args+=(--strict)

# Evidence links to the commit on GitHub, at the repo's folder inside the workspace.
if [[ -z ${HOMELAB_REPO_URL:-} && -n ${GITHUB_SERVER_URL:-} && -n ${GITHUB_REPOSITORY:-} && -n ${GITHUB_SHA:-} ]]; then
  sub=$(realpath -m --relative-to="${GITHUB_WORKSPACE:-$PWD}" "$repo")
  HOMELAB_REPO_URL="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA${sub:+/$sub}"
  export HOMELAB_REPO_URL="${HOMELAB_REPO_URL%/.}"
fi

"${audit[@]}" "${args[@]}"
code=$?
case $code in
  0) verdict=conformant ;;
  1) verdict=not-conformant ;;
  *) verdict=error ;;
esac

# The report files by format name; only the requested ones are kept.
declare -A files=([sarif]=results.sarif [md]=report.md [html]=report.html [json]=results.json [junit]=junit.xml)
folder="$temp/homelab-conformance"
rm -rf "$folder"
mkdir -p "$folder"
latest="$temp/homelab-conformance-runs/latest"
IFS=',' read -r -a wanted <<<"${formats// /}"
for format in "${wanted[@]}"; do
  [[ -n ${files[$format]:-} ]] || { echo "::warning::formats: unknown format '$format' (sarif, md, html, json, junit)"; continue; }
  [[ -f $latest/${files[$format]} ]] && cp "$latest/${files[$format]}" "$folder/"
done
# A job summary holds at most 1 MiB.
if [[ -n ${GITHUB_STEP_SUMMARY:-} && -f $latest/report.md ]] && [[ ",${formats// /}," == *,md,* ]]; then
  head -c 1000000 "$latest/report.md" >>"$GITHUB_STEP_SUMMARY"
  (($(wc -c <"$latest/report.md") > 1000000)) && printf '\n\n_Report truncated: report.md in the report folder has it all._\n' >>"$GITHUB_STEP_SUMMARY"
fi

{
  echo "verdict=$verdict"
  echo "exit-code=$code"
  echo "report-folder=$folder"
} >>"$output"
echo "homelab-conformance: $verdict (exit $code); reports in $folder"
