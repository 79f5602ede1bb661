"""Run the benchmark suite: ``python -m benchmarks --sizes 100,1000 [--out benchmarks/results]``.

For each corpus size it generates the corpus, then runs every stage in a fresh process
and reports ratios against baselines measured in the same run.  Results go to
``benchmarks/results/<size>.json`` (machine-readable) and ``summary.md``.
"""

from __future__ import annotations

import argparse
import json
import math
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


def run_size(size: int, work: Path, *, repeats: int, detail: bool) -> dict[str, Any]:
    """One corpus size: its build against its baselines, one more document incrementally,
    then every question.  ``detail`` adds what is only worth measuring once (a serial build
    for the parallel speed-up, the raw bulk-load baseline, HTTP queries and every export)."""
    corpus = work / f"corpus-{size}"
    store = work / f"store-{size}"
    result: dict[str, Any] = {"size": size}
    result["corpus"] = run_stage("generate", corpus, size)
    result["tokenize"] = run_stage("tokenize", corpus)
    result["pipeline_alone"] = run_stage("pipeline_alone", corpus, 300)
    result["build"] = run_stage("build", corpus, store, 0, 1)
    result["store_bytes"] = _size_of(store)
    if detail:
        serial = work / f"store-{size}-serial"
        result["build_serial"] = run_stage("build", corpus, serial, 1, 1)
        shutil.rmtree(serial)
        nquads = work / f"quads-{size}.nq"
        result["dump"] = run_stage("dump", store, nquads)
        result["rawload"] = run_stage("rawload", nquads, work / f"raw-{size}")
        shutil.rmtree(work / f"raw-{size}")
        nquads.unlink()
    # One more document, built incrementally on the full store.
    from benchmarks.corpus import document

    doc_id, text = document(2024, size)
    (corpus / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    result["build_incremental"] = run_stage("build", corpus, store, 0, 0)
    result |= run_stage("interactive", store, repeats)
    result |= run_stage("pages", store, repeats)
    result["views"] = run_stage("views", store, repeats)["views"]
    if detail:
        result["http"] = run_stage("http", store, repeats)["http"]
        result["exports"] = run_stage("exports", store, work / f"exports-{size}")["exports"]
        shutil.rmtree(work / f"exports-{size}", ignore_errors=True)
    result["ratios"] = ratios(result)
    return result


def ratios(result: dict[str, Any]) -> dict[str, float]:
    """What each size's run says against the baselines measured beside it."""
    build, documents = result["build"], result["build"]["documents"]
    alone = result["pipeline_alone"]["seconds_per_document"]
    found = {
        "build_vs_tokenize": build["wall_seconds"] / result["tokenize"]["seconds"],
        "build_vs_pipeline_alone": build["wall_seconds"] / documents / alone,
        "extract_vs_pipeline_alone": build["stages"]["extract"] / documents / alone,
        "incremental_vs_full": result["build_incremental"]["wall_seconds"] / build["wall_seconds"],
        "docs_per_second": documents / build["wall_seconds"],
        "store_bytes_per_fact": result["store_bytes"] / max(1, sum(build["facts"].values())),
    }
    if "build_serial" in result:
        serial = result["build_serial"]
        found["parallel_speedup"] = serial["wall_seconds"] / build["wall_seconds"]
        found["serial_build_vs_pipeline_alone"] = serial["wall_seconds"] / documents / alone
        found["load_vs_raw"] = serial["stages"]["load"] / result["rawload"]["seconds"]
    return found


def _kb(timing: dict[str, Any]) -> str:
    """The printed answer's size, where it was measured."""
    return f"{timing['answer_kb']:,.0f}" if "answer_kb" in timing else ""


def _above(timings: dict[str, Any], noop: str) -> dict[str, float]:
    """Each question's median above the no-op's, in milliseconds."""
    base = timings[noop]["median_ms"]
    return {name: max(0.0, t["median_ms"] - base) for name, t in timings.items() if name != noop}


NOOPS = {"interactive": "no-op (ASK {})", "pages": "no-op (static file)"}


def summary(results: list[dict[str, Any]], info: dict[str, Any], command: str) -> str:
    lines = [
        f"Measured with `{command}` on {info['cpu']} ({info['cores']} cores), Python {info['python']}, {info['date']}.",
        "",
        "Builds use every core; the baselines run in one process over the same texts: spaCy's bare "
        "Dutch tokenizer, and the Dutch pipeline the extractor uses (over an even sample of 300 "
        "documents, per document).",
        "",
        "| documents | build (s) | docs/s | build ÷ bare tokenizer | build ÷ pipeline alone (per doc) "
        "| extract CPU ÷ pipeline alone | one more document (s) | ÷ full build | peak memory (MB) "
        "| store (MB) | store bytes per fact |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        q = r["ratios"]
        lines.append(
            f"| {r['size']:,} | {r['build']['wall_seconds']:.1f} | {q['docs_per_second']:.1f} "
            f"| {q['build_vs_tokenize']:.1f} | {q['build_vs_pipeline_alone']:.2f} "
            f"| {q['extract_vs_pipeline_alone']:.2f} | {r['build_incremental']['wall_seconds']:.1f} "
            f"| {q['incremental_vs_full']:.3f} | {r['build']['peak_rss_mb']:.0f} | {r['store_bytes'] / 1e6:.0f} "
            f"| {q['store_bytes_per_fact']:.0f} |"
        )
    small, large = results[0], results[-1]
    for kind, title in (("interactive", "Questions (library, warm store)"), ("pages", "Pages (HTTP, running server)")):
        noop = NOOPS[kind]
        sizes = [f"{r['size']:,}" for r in results]
        rows = kind == "interactive"
        lines += [
            "",
            f"{title}: median milliseconds above the no-op ({noop}: "
            + ", ".join(f"{r[kind][noop]['median_ms']:.1f} ms at {r['size']:,}" for r in results)
            + f"); growth is the ratio between {sizes[0]} and {sizes[-1]} documents"
            + ("; rows and KB: the size of the answer as the command prints it (KB of its JSON)." if rows else "."),
            "",
            "| question | "
            + " | ".join(f"{n}: above no-op" for n in sizes)
            + f" | {sizes[-1]}: p95 | growth"
            + (" | " + " | ".join(f"rows at {n}" for n in sizes) if rows else "")
            + (" | " + " | ".join(f"KB at {n}" for n in sizes) if rows else "")
            + " |",
            "|---|" + "---|" * (len(results) + 2 + (2 * len(results) if rows else 0)),
        ]
        above = [_above(r[kind], noop) for r in results]
        for name in above[-1]:
            growth = (above[-1][name] + 1) / (above[0][name] + 1)  # +1 ms: noise floor
            cells = " | ".join(f"{a[name]:.1f}" for a in above)
            answer = (" | " + " | ".join(f"{r[kind][name].get('answer_rows', '')}" for r in results)) if rows else ""
            answer += (" | " + " | ".join(_kb(r[kind][name]) for r in results)) if rows else ""
            lines.append(f"| {name} | {cells} | {large[kind][name]['p95_ms']:.1f} | {growth:.1f}×{answer} |")
    detailed = [r for r in results if "build_serial" in r]
    if detailed:
        d = detailed[-1]
        q = d["ratios"]
        lines += [
            "",
            f"At {d['size']:,} documents: serial build {d['build_serial']['wall_seconds']:.1f} s "
            f"(parallel speed-up {q['parallel_speedup']:.2f}; serial build ÷ pipeline alone "
            f"{q['serial_build_vs_pipeline_alone']:.2f} per document); loading ÷ pyoxigraph's raw "
            f"bulk load of the same quads {q['load_vs_raw']:.2f}.",
            "",
            "| format | seconds | ÷ pyoxigraph N-Quads dump | ÷ pyoxigraph same format | writing ÷ networkx |",
            "|---|---|---|---|---|",
        ]
        for fmt, e in d["exports"].items():
            if isinstance(e, dict):
                same = f"{e['vs_same_format']:.2f}" if "vs_same_format" in e else ""
                nx_ratio = f"{e['vs_networkx']:.2f}" if "vs_networkx" in e else ""
                lines.append(f"| {fmt} | {e['seconds']:.2f} | {e['vs_nquads_dump']:.2f} | {same} | {nx_ratio} |")
    if "views" in large:
        lines += ["", views_table(large)]
    if len(results) > 1:
        lines += ["", *projection(small, large)]
    return "\n".join(lines) + "\n"


def projection(small: dict[str, Any], large: dict[str, Any]) -> list[str]:
    """100,000 documents, projected from the growth measured between two sizes (not measured)."""
    factor = 100_000 / large["size"]
    step = large["size"] / small["size"]

    def grown(a: float, b: float) -> float:
        # The same growth per tenfold as measured: b * (b / a) ** log10(factor) for step 10.
        rate = (b / a) ** (1 / math.log10(step)) if a > 0 else 1.0
        return b * rate ** math.log10(factor)

    build = grown(small["build"]["wall_seconds"], large["build"]["wall_seconds"])
    store = grown(small["store_bytes"], large["store_bytes"])
    # Questions are not projected: their cost follows their answers, which depend on the corpus.
    return [
        f"Projected, not measured: 100,000 documents on this machine, from the growth between "
        f"{small['size']:,} and {large['size']:,}: a build of about {build / 60:.0f} minutes, a store of "
        f"about {store / 1e9:.1f} GB.",
    ]


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
            drawn = "not drawn" not in name  # a program's answer, shown for its cost beside the view's
            ok = ("yes" if v["p95_ms"] < VIEW_TARGET_MS else "no") if drawn else "(no target)"
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
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--repeats", type=int, default=20, help="runs per question timing (within a time budget)")
    parser.add_argument("--detail", type=int, default=1000, help="largest size to time exports, HTTP, a serial build")
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
            result = run_size(size, work, repeats=args.repeats, detail=size <= args.detail)
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
