"""Run the benchmark suite: ``python -m benchmarks --sizes 100,1000 [--out benchmarks/results]``.

For each corpus size it generates the corpus, then runs every stage in a fresh process
and reports ratios against baselines measured in the same run.  Results go to
``benchmarks/results/<size>.json`` (machine-readable) and ``summary.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Saved queries that aggregate or scan over the whole graph (the rest select by a
# parameter). office-holders-on compares every holding's period with the day: Oxigraph
# has no range index, so it is a scan however few rows it returns.
AGGREGATES = ("aid-totals", "persons", "conflicts", "statements-containing", "aid-commitments", "office-holders-on")
TARGETS = {
    "build_vs_tokenize": 3.0,
    "load_vs_raw": 1.5,
    "incremental_vs_full": 0.05,
    "selective_query_ms": 5.0,
    "aggregate_vs_raw": 1.5,
    "rdf_export_vs_dump": 1.5,
    "graph_export_vs_networkx": 2.0,
    "selective_query_http_ms": 10.0,
}


def run_stage(name: str, *args: object) -> dict[str, Any]:
    """One stage in a fresh Python process; its JSON answer."""
    command = [sys.executable, "-m", "benchmarks.stages", name, *map(str, args)]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"benchmark stage {name} failed:\n{completed.stderr[-3000:]}")
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


def machine() -> dict[str, Any]:
    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    packages = [
        "navokg",
        "pyoxigraph",
        "spacy",
        "pyshacl-turbo",
        "pyshacl",
        "rdflib",
        "networkx",
        "starlette",
        "uvicorn",
    ]
    versions = {}
    for package in packages:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": cpu, "cores": len(os.sched_getaffinity(0)), "python": platform.python_version(),
        "platform": platform.platform(), "versions": versions, "date": time.strftime("%Y-%m-%d"),
    }  # fmt: skip


def _size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_size(size: int, work: Path, *, repeats: int) -> dict[str, Any]:
    corpus = work / f"corpus-{size}"
    store = work / f"store-{size}"
    result: dict[str, Any] = {"size": size}
    result["corpus"] = run_stage("generate", corpus, size)
    result["tokenize"] = run_stage("tokenize", corpus)
    result["build"] = run_stage("build", corpus, store, 1, 1)
    result["store_bytes"] = _size_of(store)
    nquads = work / f"quads-{size}.nq"
    result["dump"] = run_stage("dump", store, nquads)
    result["rawload"] = run_stage("rawload", nquads, work / f"raw-{size}")
    shutil.rmtree(work / f"raw-{size}")
    parallel_store = work / f"store-{size}-parallel"
    result["build_parallel"] = run_stage("build", corpus, parallel_store, 0, 1)
    shutil.rmtree(parallel_store)
    # One more document, built incrementally on the full store.
    from benchmarks.corpus import document

    doc_id, text = document(2024, size)
    (corpus / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    result["build_incremental"] = run_stage("build", corpus, store, 1, 0)
    result["queries"] = run_stage("queries", store, repeats)
    result["http"] = run_stage("http", store, repeats)["http"]
    result["network"] = run_stage("network", store, min(repeats, 10))["network"]
    result["views"] = run_stage("views", store, repeats)["views"]
    result["exports"] = run_stage("exports", store, work / f"exports-{size}")["exports"]
    shutil.rmtree(work / f"exports-{size}", ignore_errors=True)
    result["ratios"] = ratios(result)
    return result


def ratios(result: dict[str, Any]) -> dict[str, float]:
    build, tokenize = result["build"], result["tokenize"]
    stages = build["stages"]
    queries = result["queries"]["queries"]
    selective = [q["navokg"]["median_ms"] for n, q in queries.items() if n not in AGGREGATES]
    aggregates = [q["ratio"] for n, q in queries.items() if n in AGGREGATES]
    return {
        "build_vs_tokenize": build["wall_seconds"] / tokenize["seconds"],
        "extract_vs_tokenize": stages["extract"] / tokenize["seconds"],
        "load_vs_raw": stages["load"] / result["rawload"]["seconds"],
        "incremental_vs_full": result["build_incremental"]["wall_seconds"] / build["wall_seconds"],
        "parallel_speedup": build["wall_seconds"] / result["build_parallel"]["wall_seconds"],
        "docs_per_second": build["documents"] / build["wall_seconds"],
        "mb_per_second": result["corpus"]["bytes"] / 1e6 / build["wall_seconds"],
        "selective_query_ms_max": max(selective) if selective else 0.0,
        "aggregate_vs_raw_max": max(aggregates) if aggregates else 0.0,
        "selective_query_http_ms_max": max(
            (q["median_ms"] for n, q in result["http"].items() if n not in AGGREGATES), default=0.0
        ),
        "rdf_export_vs_dump_max": max(
            e["vs_same_format"] for e in result["exports"].values() if isinstance(e, dict) and "vs_same_format" in e
        ),
        "graph_export_vs_networkx_max": max(result["exports"][f]["vs_networkx"] for f in ("graphml", "gexf")),
    }


def summary(results: list[dict[str, Any]], info: dict[str, Any], command: str) -> str:
    lines = [
        f"Measured with `{command}` on {info['cpu']} ({info['cores']} cores), Python {info['python']}, {info['date']}.",
        "",
        "| documents | build (s) | docs/s | MB/s | build ÷ spaCy tokenize | extract ÷ tokenize | load ÷ raw bulk load "
        "| incremental ÷ full | parallel speed-up | peak memory (MB) | store (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        q = r["ratios"]
        lines.append(
            f"| {r['size']:,} | {r['build']['wall_seconds']:.1f} | {q['docs_per_second']:.0f} "
            f"| {q['mb_per_second']:.2f} | {q['build_vs_tokenize']:.2f} | {q['extract_vs_tokenize']:.2f} "
            f"| {q['load_vs_raw']:.2f} "
            f"| {q['incremental_vs_full']:.3f} | {q['parallel_speedup']:.2f} | {r['build']['peak_rss_mb']:.0f} "
            f"| {r['store_bytes'] / 1e6:.1f} |"
        )
    largest = results[-1]
    lines += [
        "",
        f"Saved queries at {largest['size']:,} documents (embedded; median and p95 over repeated runs):",
        "",
        "| query | median (ms) | p95 (ms) | raw pyoxigraph median (ms) | ÷ raw | HTTP median (ms) | HTTP p95 (ms) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, q in sorted(largest["queries"]["queries"].items()):
        h = largest["http"][name]
        kind = " (aggregate)" if name in AGGREGATES else ""
        lines.append(
            f"| {name}{kind} | {q['navokg']['median_ms']:.2f} | {q['navokg']['p95_ms']:.2f} "
            f"| {q['raw']['median_ms']:.2f} | {q['ratio']:.2f} | {h['median_ms']:.2f} | {h['p95_ms']:.2f} |"
        )
    net = largest["network"]
    lines += [
        "",
        f"Network commands at {largest['size']:,} documents ({net['nodes']:,} nodes, {net['edges']:,} edges; "
        f"the first command builds and caches the projection in {net['first_projection_seconds']:.1f} s, "
        "later ones read the cache), against networkx walking the built graph:",
        "",
        "| command | median (ms) | p95 (ms) | networkx median (ms) | ÷ networkx |",
        "|---|---|---|---|---|",
    ]
    for name, n in net.items():
        if isinstance(n, dict):
            base = f"{n['networkx']['median_ms']:.2f} | {n['ratio']:.1f}" if "networkx" in n else "— | —"
            lines.append(f"| {name} | {n['navokg']['median_ms']:.1f} | {n['navokg']['p95_ms']:.1f} | {base} |")
    if "views" in largest:
        lines += ["", views_table(largest)]
    dump = largest["exports"]["pyoxigraph_nquads_seconds"]
    lines += ["", f"Exports at {largest['size']:,} documents ({dump:.2f} s for "
              "pyoxigraph to dump N-Quads; the network projection, shared by graphml/gexf/cyjs/csv, "
              f"{largest['exports']['projection_seconds']:.2f} s):", "",
              "| format | seconds | ÷ pyoxigraph N-Quads | ÷ pyoxigraph same format | writing ÷ networkx |",
              "|---|---|---|---|---|"]  # fmt: skip
    for fmt, e in largest["exports"].items():
        if not isinstance(e, dict):
            continue
        same = f"{e['vs_same_format']:.2f}" if "vs_same_format" in e else ""
        nx_ratio = f"{e['vs_networkx']:.2f}" if "vs_networkx" in e else ""
        lines.append(f"| {fmt} | {e['seconds']:.2f} | {e['vs_nquads_dump']:.2f} | {same} | {nx_ratio} |")
    return "\n".join(lines) + "\n"


VIEW_TARGET_MS = 300.0


def views_table(result: dict[str, Any]) -> str:
    """The drawn views' timings over HTTP, against the 300 ms target."""
    views = result["views"]
    lines = [
        f"Drawn views at {result['size']:,} documents over HTTP ({views['workers']} workers, warmed; the largest "
        f"worker held {views['worker_rss_mb']:.0f} MB after; target {VIEW_TARGET_MS:.0f} ms):",
        "",
        "| view | median (ms) | p95 (ms) | KB | under target |",
        "|---|---|---|---|---|",
    ]
    for name, v in views.items():
        if isinstance(v, dict):
            ok = "yes" if v["p95_ms"] < VIEW_TARGET_MS else "no"
            lines.append(f"| {name} | {v['median_ms']:.1f} | {v['p95_ms']:.1f} | {v['bytes'] / 1000:.0f} | {ok} |")
    return "\n".join(lines)


def run_views_only(size: int, work: Path, *, repeats: int) -> dict[str, Any]:
    """Only what the drawn views need: the corpus, its store, and the views stage."""
    corpus, store = work / f"corpus-{size}", work / f"store-{size}"
    result: dict[str, Any] = {"size": size, "corpus": run_stage("generate", corpus, size)}
    result["build"] = run_stage("build", corpus, store, 0, 1)
    result["views"] = run_stage("views", store, repeats)["views"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--repeats", type=int, default=30, help="runs per query timing")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and stores")
    parser.add_argument(
        "--summarize", action="store_true", help="only rewrite summary.md from the results already in --out"
    )
    parser.add_argument(
        "--views-only", action="store_true", help="only build and time the drawn views (results in views-SIZE.json)"
    )
    args = parser.parse_args()
    if args.views_only:
        args.out.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="navokg-bench-"))
        try:
            for size in (int(s) for s in args.sizes.split(",") if s.strip()):
                result = run_views_only(size, work, repeats=args.repeats) | {"machine": machine()}
                text = json.dumps(result, indent=2, sort_keys=True) + "\n"
                (args.out / f"views-{size}.json").write_text(text, "utf-8")
                print(views_table(result))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return
    if args.summarize:
        found = sorted(
            (json.loads(p.read_text("utf-8")) for p in args.out.glob("[0-9]*.json")), key=lambda r: r["size"]
        )
        if not found:
            raise SystemExit(f"no results in {args.out}: run the benchmarks first")
        sizes_run = ",".join(str(r["size"]) for r in found)
        text = summary(found, found[-1]["machine"], "python -m benchmarks --sizes " + sizes_run)
        (args.out / "summary.md").write_text(text, "utf-8")
        print(text)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    info = machine()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="navokg-bench-"))
    results = []
    try:
        for size in sizes:
            started = time.perf_counter()
            result = run_size(size, work, repeats=args.repeats)
            result["machine"] = info
            (args.out / f"{size}.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", "utf-8")
            results.append(result)
            print(f"N={size:,}: done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    command = "python -m benchmarks --sizes " + args.sizes
    text = summary(results, info, command)
    (args.out / "summary.md").write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
