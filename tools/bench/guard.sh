#!/usr/bin/env bash
# Performance regression guard for CI: runs the benchmark of the fixture and the medium repo (median of 5)
# and compares their RATIOS, not their absolute times, with bench/baseline.json:
#   audit/cat      the audit's wall time over `cat` of the same files (the I/O floor)
#   alloc/input    MB the audit allocates per MB of YAML it reads (its --stats line)
#   kubectl/audit  `kubectl kustomize` of the same overlays over the audit's wall time
# It fails only on a large regression: audit/cat more than ${HOMELAB_GUARD_FACTOR:-2}x the
# baseline's, or alloc/input more than ${HOMELAB_GUARD_ALLOC_FACTOR:-1.5}x (allocations hardly vary
# between runs or machines, so their limit is tighter). kubectl/audit is shown, not judged: on the
# small repo both sides are mostly process start and the ratio swings by 40% between runs. Ratios
# travel between machines far better than seconds do; a slow or busy CI runner slows both sides.
# It guards the fixture and the generated 2,000-file repo (HOMELAB_GUARD_SIZE, default small,medium):
# on the fixture a run is mostly process start, and only a repo of some size shows the reader's
# allocations (medium's 18x its YAML would go back to 90x with YamlDotNet's parser on every file).
#   tools/bench/guard.sh              check
#   tools/bench/guard.sh --update     re-measure and write bench/baseline.json (commit it)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASELINE="$ROOT/bench/baseline.json"
SIZE="${HOMELAB_GUARD_SIZE:-small,medium}"
current="$(mktemp)"
trap 'rm -f "$current"' EXIT
"$ROOT/tools/bench/bench.sh" --sizes "$SIZE" --live "" --runs 5 --json "$current" --out "$(mktemp -d)" >&2
if [[ "${1:-}" == "--update" ]]; then
  cp "$current" "$BASELINE"
  echo "bench guard: baseline written to $BASELINE"
  exit 0
fi
[[ -f "$BASELINE" ]] || { echo "bench guard: no baseline at $BASELINE (run $0 --update)"; exit 1; }
python3 - "$BASELINE" "$current" "$SIZE" "${HOMELAB_GUARD_FACTOR:-2}" "${HOMELAB_GUARD_ALLOC_FACTOR:-1.5}" <<'PY'
import json, sys
baseline, current, sizes, factor, alloc_factor = sys.argv[1], sys.argv[2], sys.argv[3].split(","), float(sys.argv[4]), float(sys.argv[5])
rows = lambda path: {r["size"]: r for r in json.load(open(path))["rows"]}
base, now = rows(baseline), rows(current)
failed = False
for size in sizes:
    if size not in base:
        print(f"bench guard: no baseline for {size} in {baseline} (run tools/bench/guard.sh --update)")
        failed = True
        continue
    b, c = base[size], now[size]
    failures = []
    if c["ratio_to_cat"] > factor * b["ratio_to_cat"]:
        failures.append(f"audit/cat {c['ratio_to_cat']:.1f}x, baseline {b['ratio_to_cat']:.1f}x (limit {factor * b['ratio_to_cat']:.1f}x)")
    if b.get("alloc_per_input") and c.get("alloc_per_input") and c["alloc_per_input"] > alloc_factor * b["alloc_per_input"]:
        failures.append(f"alloc/input {c['alloc_per_input']:.0f}x, baseline {b['alloc_per_input']:.0f}x (limit {alloc_factor * b['alloc_per_input']:.0f}x)")
    summary = f"{size}: audit {c['wall_s']:.2f} s, audit/cat {c['ratio_to_cat']:.1f}x (baseline {b['ratio_to_cat']:.1f}x)"
    if c.get("alloc_per_input"):
        summary += f", alloc/input {c['alloc_per_input']:.0f}x (baseline {b.get('alloc_per_input') or 0:.0f}x)"
    if c["speedup_vs_kubectl"] is not None:
        summary += f", kubectl/audit {c['speedup_vs_kubectl']:.2f}x (baseline {b['speedup_vs_kubectl']:.2f}x)"
    if failures:
        print(f"bench guard: REGRESSION {summary}: " + "; ".join(failures))
        failed = True
    else:
        print(f"bench guard: ok {summary}")
sys.exit(1 if failed else 0)
PY
