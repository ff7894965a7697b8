#!/usr/bin/env python3
"""The audit's benchmark: static audits of generated repos and live audits of a seeded local
API server, each against baselines measured in the same run on the same input.

Static rows: `cat` of every file of the repo (the I/O floor) and `kubectl kustomize` rendering
the same overlays (every kustomization a Flux Kustomization points at), one process per overlay,
one after another, as Flux renders each Kustomization apart. (One kustomize process over all
overlays is far slower: over a minute for the medium repo.) Each kubectl run is paired with the
audit run just before it, and kubectl/audit is the median of those pairs' ratios, so a busy
moment slows both sides of a pair alike. kubectl runs --peer-runs times on medium and large repos
(default 1: about 0.1 s per overlay), --runs on small. The audit's own --stats line gives the MB
it allocated and its GC pauses (medians of the runs).
Live rows: `kubectl get` LISTing the same kinds the audit reads (chunks of 500).
Every figure is the median of --runs runs, process start included, measured with
/usr/bin/time. Prints one table; writes the results as JSON under reports/bench/.
"""
import argparse, datetime, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AUDIT = os.path.join(ROOT, ".build", "audit", "homelab-audit.dll")
REPOGEN = os.path.join(ROOT, ".build", "repogen", "homelab-repogen.dll")
SEED = os.path.join(ROOT, ".build", "seed", "homelab-seed.dll")
SPEC = os.path.join(ROOT, "fixtures", "architecture.yaml")
TIME = "/usr/bin/time"
KUBECTL = os.environ.get("KUBECTL", shutil.which("kubectl") or "kubectl")
# The kinds the live audit lists (LiveKinds.All), for the kubectl peer.
LIVE_KINDS = ("nodes,pods,configmaps,secrets,daemonsets.apps,deployments.apps,statefulsets.apps,"
              "storageclasses.storage.k8s.io,cephclusters.ceph.rook.io,cephblockpools.ceph.rook.io,"
              "cephfilesystems.ceph.rook.io,cephobjectstores.ceph.rook.io,"
              "ciliumloadbalancerippools.cilium.io,ciliuml2announcementpolicies.cilium.io,"
              "ciliumclusterwidenetworkpolicies.cilium.io,kustomizations.kustomize.toolkit.fluxcd.io,"
              "helmreleases.helm.toolkit.fluxcd.io,gitrepositories.source.toolkit.fluxcd.io,"
              "ocirepositories.source.toolkit.fluxcd.io,helmrepositories.source.toolkit.fluxcd.io,"
              "buckets.source.toolkit.fluxcd.io")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, ok=(0,), env=None):
    """One run under /usr/bin/time: wall s, CPU s (user+sys), peak RSS MB, stderr, exit code."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        started = time.perf_counter()  # /usr/bin/time's %e has 10 ms steps: too coarse for `cat` of the fixture
        p = subprocess.run([TIME, "-o", t.name, "-f", "%e %U %S %M"] + cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, env=env)
        wall = time.perf_counter() - started
        _, user, system, rss = t.read().split()[-4:]
    if p.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd[:4])}... exited {p.returncode}:\n{p.stderr[-2000:]}")
    return {"wall": float(wall), "cpu": float(user) + float(system), "rss_mb": int(rss) / 1024, "stderr": p.stderr, "rc": p.returncode}


def median_of(runs, cmd, ok=(0,), env=None, between=None):
    """The median of `runs` runs; `between(i)`, when given, runs right after run i (a paired peer)."""
    results = []
    for i in range(runs):
        results.append(timed(cmd, ok, env))
        if between:
            between(i)
    return summary(results)


def summary(results):
    med = lambda key: statistics.median(r[key] for r in results)
    return {"wall": med("wall"), "cpu": med("cpu"), "rss_mb": med("rss_mb"), "last": results[-1],
            "walls": [r["wall"] for r in results], "runs": results}


def stats_line(stderr):
    m = re.search(r"^HOMELAB_STATS (\{.*\})$", stderr, re.M)
    return json.loads(m.group(1)) if m else {}


def build():
    # The audit is measured as run-conformance.sh builds it: published ReadyToRun.
    ready_to_run = ["--use-current-runtime", "--self-contained", "false", "-p:PublishReadyToRun=true"]
    for project, out, verb in (("src/Homelab.Cli", "audit", "publish"), ("tools/Homelab.RepoGen", "repogen", "build"), ("tools/Homelab.Seed", "seed", "build")):
        p = subprocess.run(["dotnet", verb, os.path.join(ROOT, project), "-c", "Release", "-o", os.path.join(ROOT, ".build", out),
                            "--nologo", "-v", "quiet"] + (ready_to_run if verb == "publish" else []), capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"error: building {project} failed:\n{p.stdout[-3000:]}{p.stderr[-3000:]}")


def repo_for(size, work, seed):
    if size == "small":
        return os.path.join(ROOT, "fixtures", "homelab")
    # medium and large: the fixture plus generated Kustomizations; real: the real-repo shape.
    out = os.path.join(work, size)
    subprocess.run(["dotnet", REPOGEN, "--out", out, "--size", size, "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    return out


def flux_overlays(repo):
    """Folders with a kustomization file that Flux Kustomizations (or the flux-system sync) apply:
    under clusters/ (the fixture's layout), or, without one (the real-repo shape), every file of the
    repo that declares a Flux Kustomization (the apps' ks.yaml)."""
    paths = set()
    clusters = os.path.join(repo, "clusters")
    for dirpath, _, files in os.walk(clusters if os.path.isdir(clusters) else repo):
        for f in files:
            if f.endswith((".yaml", ".yml")):
                with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                    text = fh.read()
                if os.path.isdir(clusters) or "kustomize.toolkit.fluxcd.io" in text:
                    paths.update(m.group(1) for m in re.finditer(r"^\s+path:\s+\.?/?(\S+)", text, re.M))
        if os.path.isdir(clusters) and os.path.exists(os.path.join(dirpath, "kustomization.yaml")):
            paths.add(os.path.relpath(dirpath, repo))
    return sorted(p.rstrip("/") for p in paths if os.path.exists(os.path.join(repo, p, "kustomization.yaml")))


def overlay_list(repo, work, name):
    """The overlays, one per line, for xargs."""
    overlays = flux_overlays(repo)
    path = os.path.join(work, f"overlays-{name}.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(os.path.join(repo, o) + "\n" for o in overlays)
    return path, len(overlays)


def memory(audit):
    """Medians over the runs of what each run's --stats line says: MB allocated and GC pause ms (all phases)."""
    stats = [stats_line(r["stderr"]) for r in audit["runs"]]
    total = lambda key: [sum(s.get(key, {}).values()) for s in stats if s.get(key)]
    alloc, pause = total("alloc_mb"), total("gc_ms")
    return (statistics.median(alloc) if alloc else None, statistics.median(pause) if pause else None,
            stats[-1].get("gcs"))


def static_row(size, repo, work, runs, peer_runs, reports=False):
    files = sum(len(f) for _, _, f in os.walk(repo))
    input_mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(repo) for f in fs if f.endswith((".yaml", ".yml"))) / 2**20
    listing, overlays = overlay_list(repo, work, size)
    kubectl_runs = runs if size == "small" else min(peer_runs, runs)
    # Without kubectl (a fresh CI machine), the peer column is left empty rather than guessed.
    kubectl_cmd = ["sh", "-c", 'xargs -n 1 "$1" kustomize < "$0" > /dev/null', listing, KUBECTL] if shutil.which(KUBECTL) else None
    peers = []
    def peer(i):
        if kubectl_cmd and i < kubectl_runs:
            peers.append(timed(kubectl_cmd))
    # Offline: the generated repos' charts resolve from the embedded defaults, so a run measures the
    # audit, not a registry (a warm chart cache costs no request either: tests/Unit/Helm/Remote).
    # With reports, every format is written (and the trend reads the runs before).
    out = ["--reports", os.path.join(work, f"reports-{size}")] if reports else []
    audit = median_of(runs, ["dotnet", AUDIT, "static", "--repo", repo, "--spec", SPEC, "--stats", "--offline"] + out, between=peer)
    stats = stats_line(audit["last"]["stderr"])
    alloc_mb, gc_ms, gcs = memory(audit)
    cat = median_of(runs, ["sh", "-c", 'find "$0" -type f -print0 | xargs -0 cat > /dev/null', repo])
    kubectl = summary(peers) if peers else {"wall": None, "cpu": None}
    pairs = [p["wall"] / a["wall"] for p, a in zip(peers, audit["runs"])]
    objects = stats.get("objects", 0)
    return {
        "size": size, "kind": "static", "files": files, "resources": objects, "overlays": overlays, "input_mb": input_mb,
        "wall_s": audit["wall"], "cpu_s": audit["cpu"], "peak_mb": audit["rss_mb"], "walls": audit["walls"],
        "alloc_mb": alloc_mb, "alloc_per_input": alloc_mb / input_mb if alloc_mb and input_mb else None, "gc_ms": gc_ms, "gcs": gcs,
        "reports": reports, "resources_per_s": objects / audit["wall"] if audit["wall"] else 0, "requests": 0,
        "phases_ms": stats.get("phases", {}),
        "cat_s": cat["wall"], "ratio_to_cat": audit["wall"] / cat["wall"] if cat["wall"] else None,
        "kubectl_s": kubectl["wall"], "kubectl_cpu_s": kubectl["cpu"], "kubectl_runs": len(peers), "kubectl_pairs": pairs,
        "speedup_vs_kubectl": statistics.median(pairs) if pairs else None,
    }


def live_rows(counts, runs, work):
    state = os.path.join(work, "control-plane")
    rows, loaded = [], 0
    log("starting the local control plane (about 10 s)...")
    subprocess.run([os.path.join(ROOT, "tools", "local-control-plane", "start.sh"), state], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        kubeconfig = os.path.join(state, "admin.kubeconfig")
        for count in sorted(counts):
            log(f"loading {count} objects into the API server...")
            p = subprocess.run(["dotnet", SEED, kubeconfig, os.path.join(ROOT, "fixtures", "live"), "--bulk", str(count)],
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"seeding failed:\n{p.stderr[-3000:]}")
            log("  " + p.stderr.strip().splitlines()[-1])
            audit = median_of(runs, ["dotnet", AUDIT, "live", "--kubeconfig", kubeconfig, "--spec", SPEC, "--stats"], ok=(0, 1))
            stats = stats_line(audit["last"]["stderr"])
            alloc_mb, gc_ms, gcs = memory(audit)
            env = dict(os.environ, KUBECONFIG=kubeconfig)
            kubectl = median_of(runs, [KUBECTL, "get", LIVE_KINDS, "-A", "--chunk-size=500", "-o", "json"], env=env)
            objects = stats.get("objects", 0)
            rows.append({
                "size": f"live {count:,}", "kind": "live", "files": 0, "resources": objects,
                "wall_s": audit["wall"], "cpu_s": audit["cpu"], "peak_mb": audit["rss_mb"], "walls": audit["walls"],
                "alloc_mb": alloc_mb, "gc_ms": gc_ms, "gcs": gcs,
                "resources_per_s": objects / audit["wall"] if audit["wall"] else 0, "requests": stats.get("requests", 0),
                "phases_ms": stats.get("phases", {}), "conformant": audit["last"]["rc"] == 0,
                "cat_s": None, "ratio_to_cat": None, "kubectl_s": kubectl["wall"], "kubectl_cpu_s": kubectl["cpu"],
                "speedup_vs_kubectl": kubectl["wall"] / audit["wall"] if audit["wall"] else None,
            })
    finally:
        subprocess.run([os.path.join(ROOT, "tools", "local-control-plane", "stop.sh"), state], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return rows


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def table(rows):
    head = ("size", "files", "resources", "wall s", "CPU s", "peak MB", "alloc MB", "alloc/input", "GC ms", "res/s", "API req", "cat s", "audit/cat", "kubectl s", "kubectl/audit")
    lines = [head] + [(
        r["size"], fmt(r["files"] or None, ","), fmt(r["resources"], ","), fmt(r["wall_s"], ".2f"), fmt(r["cpu_s"], ".2f"),
        fmt(r["peak_mb"], ".0f"), fmt(r.get("alloc_mb"), ",.0f"), fmt(r.get("alloc_per_input"), ".0f") + ("x" if r.get("alloc_per_input") else ""),
        fmt(r.get("gc_ms"), ",.0f"), fmt(r["resources_per_s"], ",.0f"), fmt(r["requests"] if r["kind"] == "live" else None, "d"),
        fmt(r["cat_s"], ".3f"), fmt(r["ratio_to_cat"], ".1f") + ("x" if r["ratio_to_cat"] else ""),
        fmt(r["kubectl_s"], ".2f"), fmt(r["speedup_vs_kubectl"], ".2f") + ("x" if r["speedup_vs_kubectl"] else ""),
    ) for r in rows if "error" not in r]
    widths = [max(len(str(l[i])) for l in lines) for i in range(len(head))]
    out = []
    for n, l in enumerate(lines):
        out.append("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(l, widths))))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="small,medium,large", help="static sizes: small (the fixture), medium, large, real (~1,200 files laid out as homelab repos are); '' for none")
    ap.add_argument("--live", default="1000,10000", help="live object counts; '' for none")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--peer-runs", type=int, default=1, help="runs of kubectl kustomize on medium and large repos")
    ap.add_argument("--out", default=os.environ.get("HOMELAB_REPORTS", os.path.join(ROOT, "reports")), help="reports root (JSON under <out>/bench/)")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--reports", action="store_true", help="static runs also write every report format (into a folder of the bench's own)")
    args = ap.parse_args()
    if not os.path.exists(TIME):
        sys.exit("error: /usr/bin/time is missing (Debian package 'time': apt-get install time)")
    if not args.no_build:
        build()
    rows = []
    with tempfile.TemporaryDirectory(prefix="homelab-bench-") as work:
        for size in [s for s in args.sizes.split(",") if s]:
            log(f"static {size}: generating and measuring ({args.runs} runs each)...")
            rows.append(static_row(size, repo_for(size, work, args.seed), work, args.runs, args.peer_runs, args.reports))
        counts = [int(c) for c in args.live.split(",") if c]
        if counts:
            try:
                rows.extend(live_rows(counts, args.runs, work))
            except (RuntimeError, subprocess.CalledProcessError) as e:
                log(f"error: the live benchmark failed: {e}")
                rows.append({"size": "live", "kind": "live", "error": str(e)[-500:]})
    kubectl_version = subprocess.run([KUBECTL, "version", "--client"], capture_output=True, text=True).stdout.strip().replace("\n", "; ")
    result = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()[0]},
        "runs": args.runs, "kubectl": f"{KUBECTL} ({kubectl_version})", "rows": rows,
    }
    folder = os.path.join(args.out, "bench")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, datetime.datetime.now().strftime("%Y%m%dT%H%M%S") + ".json")
    for p in [path, os.path.join(folder, "latest.json")] + ([args.json] if args.json else []):
        with open(p, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)
    print(table(rows))
    print(f"\nmedian of {args.runs} runs, process start included; audit/cat = times slower than reading the files; "
          f"alloc/input = MB allocated per MB of YAML read; "
          f"kubectl/audit = times faster than {os.path.basename(KUBECTL)} kustomize run overlay after overlay (static; median of runs paired with the audit's) or get (live)")
    print(f"Results: {path}")


if __name__ == "__main__":
    main()
