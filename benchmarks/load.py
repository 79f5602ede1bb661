"""A bounded load test of ``navokg serve``: many clients, cheap and pathological requests.

    python -m benchmarks.load --store graph/store [--clients 16] [--requests 600]

starts the server on a free loopback port, sends a fixed number of requests from
concurrent clients in this (second) process, samples the memory of the server and its
query workers throughout, checks the server still answers afterwards, and writes the
numbers to ``benchmarks/results/load.json`` and ``load.md``.  With ``--url`` it loads a
server that is already running instead (the test suite does so).

Then the fast lane: one client sends cheap queries one after another, first on an idle
server (the baseline, measured in the same run), then while ``--hogs`` clients keep the
server busy with expensive queries; each cheap query's text differs, so none is answered
from a cache.  The target: cheap queries stay under 100 ms at the 95th percentile.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
RUTTE = "https://w3id.org/navokg/id/person/mark-rutte"

CHEAP_QUERIES = (
    f"SELECT ?o ?s WHERE {{ ?h nkg:holder <{RUTTE}> ; nkg:office ?o . OPTIONAL {{ ?h nkg:start ?s }} }}",
    f"SELECT ?t ?d WHERE {{ ?x nkg:speaker <{RUTTE}> ; nkg:text ?t . OPTIONAL {{ ?x nkg:date ?d }} }} LIMIT 20",
    "SELECT ?p ?l WHERE { ?p a nkg:Person ; rdfs:label ?l } ORDER BY ?l LIMIT 50",
    "SELECT (SUM(?a) AS ?total) WHERE { ?x a nkg:AidCommitment ; nkg:amount ?a }",
    "ASK { ?x a nkg:Statement }",
)
CHEAP_PAGES = ("/person/mark-rutte", "/search?q=rutte", "/aid", "/")
# A cross product of the whole store with itself, twice: never finishes in time.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Everything joined with everything: a result far past any sensible cap.
HUGE_QUERY = "SELECT * WHERE { ?a ?b ?c . ?d nkg:holder ?e }"
MALFORMED_QUERY = "SELECT * WHERE { ?s ?p"
# Every pair of triples, sorted: it grows in memory until the worker's bound stops it.
MEMORY_QUERY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c LIMIT 1"
CHEAP_TARGET_MS = 100.0
PREFIXES = "PREFIX nkg: <https://w3id.org/navokg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@dataclass
class Sample:
    kind: str
    status: int | None
    seconds: float
    error: str | None = None


@dataclass
class Memory:
    """Peak resident memory of the server process and its children, sampled in a thread."""

    pid: int | None
    peak_mb: float = 0.0
    start_mb: float = 0.0
    samples: list[float] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def _tree_mb(self) -> float:
        assert self.pid is not None
        try:
            root = psutil.Process(self.pid)
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0.0
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            value = self._tree_mb()
            self.samples.append(value)
            self.peak_mb = max(self.peak_mb, value)

    def __enter__(self) -> Memory:
        if self.pid is not None:
            self.start_mb = self.peak_mb = self._tree_mb()
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self.pid is not None:
            self._thread.join()


def _plan(requests: int, seed: int) -> list[tuple[str, str]]:
    """A fixed, shuffled mix: 80% cheap queries and pages, 20% slow, huge and malformed."""
    rng = random.Random(seed)
    plan: list[tuple[str, str]] = []
    for index in range(requests):
        roll = index % 20
        if roll < 11:
            plan.append(("cheap-query", CHEAP_QUERIES[index % len(CHEAP_QUERIES)]))
        elif roll < 16:
            plan.append(("cheap-page", CHEAP_PAGES[index % len(CHEAP_PAGES)]))
        elif roll < 18:
            plan.append(("slow-query", SLOW_QUERY))
        elif roll < 19:
            plan.append(("huge-query", HUGE_QUERY))
        else:
            plan.append(("malformed-query", MALFORMED_QUERY))
    rng.shuffle(plan)
    return plan


async def _send(client: httpx.AsyncClient, url: str, kind: str, target: str) -> Sample:
    started = time.perf_counter()
    try:
        if kind == "cheap-page":
            response = await client.get(url + target)
        else:
            response = await client.post(
                url + "/sparql", content=(PREFIXES + target).encode(),
                headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
            )  # fmt: skip
        return Sample(kind, response.status_code, time.perf_counter() - started)
    except httpx.HTTPError as exc:
        return Sample(kind, None, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")


async def _load(url: str, plan: list[tuple[str, str]], clients: int, timeout: float) -> list[Sample]:
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)
    samples: list[Sample] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:

        async def worker() -> None:
            while not queue.empty():
                kind, target = queue.get_nowait()
                samples.append(await _send(client, url, kind, target))

        await asyncio.gather(*(worker() for _ in range(clients)))
    return samples


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def run_load(url: str, *, clients: int, requests: int, server_pid: int | None, seed: int = 7,
             client_timeout: float = 120.0) -> dict[str, Any]:  # fmt: skip
    """Send the planned requests and report statuses, latencies, memory and health after."""
    plan = _plan(requests, seed)
    with Memory(server_pid) as memory:
        started = time.perf_counter()
        samples = asyncio.run(_load(url, plan, clients, client_timeout))
        wall = time.perf_counter() - started
    health_started = time.perf_counter()
    health = httpx.post(url + "/sparql", content=b"ASK { ?s ?p ?o }",
                        headers={"Content-Type": "application/sparql-query"}, timeout=30)  # fmt: skip
    kinds: dict[str, Any] = {}
    for kind in sorted({s.kind for s in samples}):
        mine = [s for s in samples if s.kind == kind]
        seconds = [s.seconds for s in mine]
        statuses: dict[str, int] = {}
        for s in mine:
            statuses[str(s.status)] = statuses.get(str(s.status), 0) + 1
        kinds[kind] = {
            "requests": len(mine), "statuses": statuses,
            "median_ms": statistics.median(seconds) * 1000, "p95_ms": _percentile(seconds, 0.95) * 1000,
            "max_ms": max(seconds) * 1000, "errors": sorted({s.error for s in mine if s.error}),
        }  # fmt: skip
    return {
        "clients": clients, "requests": requests, "wall_seconds": wall, "requests_per_second": requests / wall,
        "kinds": kinds, "memory_start_mb": memory.start_mb, "memory_peak_mb": memory.peak_mb,
        "health_after": {"status": health.status_code, "ms": (time.perf_counter() - health_started) * 1000},
    }  # fmt: skip


async def _probe(url: str, *, hogs: int, probes: int, timeout: float) -> list[tuple[float, int]]:
    """Seconds and status of ``probes`` cheap queries while ``hogs`` clients send expensive ones."""
    stop = asyncio.Event()
    headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
    limits = httpx.Limits(max_connections=hogs + 2)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:

        async def hog(index: int) -> None:
            expensive = (SLOW_QUERY, MEMORY_QUERY, HUGE_QUERY)[index % 3]
            while not stop.is_set():
                with contextlib.suppress(httpx.HTTPError):
                    await client.post(url + "/sparql", content=(PREFIXES + expensive).encode(), headers=headers)

        tasks = [asyncio.create_task(hog(index)) for index in range(hogs)]
        await asyncio.sleep(1.0 if hogs else 0.0)  # let the expensive queries start running
        seconds: list[tuple[float, int]] = []
        for index in range(probes):
            # A different text each time (a comment): the server reads every one afresh.
            text = f"{PREFIXES}# probe {index}\n{CHEAP_QUERIES[index % len(CHEAP_QUERIES)]}"
            started = time.perf_counter()
            response = await client.post(url + "/sparql", content=text.encode(), headers=headers)
            seconds.append((time.perf_counter() - started, response.status_code))
            await asyncio.sleep(0.02)
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return seconds


def _latency(samples: list[tuple[float, int]]) -> dict[str, float]:
    seconds = [s for s, _ in samples]
    return {
        "requests": len(seconds),
        "answered": sum(1 for _, status in samples if status == 200),
        "median_ms": statistics.median(seconds) * 1000,
        "p95_ms": _percentile(seconds, 0.95) * 1000,
        "max_ms": max(seconds) * 1000,
    }


def run_probe(url: str, *, hogs: int, probes: int, client_timeout: float = 120.0) -> dict[str, Any]:
    """Cheap-query latency alone, then beside ``hogs`` clients sending expensive queries."""
    asyncio.run(_probe(url, hogs=0, probes=10, timeout=client_timeout))  # warm up every worker's caches
    alone = asyncio.run(_probe(url, hogs=0, probes=probes, timeout=client_timeout))
    loaded = asyncio.run(_probe(url, hogs=hogs, probes=probes, timeout=client_timeout))
    under_load = _latency(loaded)
    return {
        "hogs": hogs,
        "alone": _latency(alone),
        "under_load": under_load,
        "p95_ratio": under_load["p95_ms"] / max(_latency(alone)["p95_ms"], 1e-9),
        "target_ms": CHEAP_TARGET_MS,
        "met": under_load["p95_ms"] < CHEAP_TARGET_MS and under_load["answered"] == under_load["requests"],
    }


def markdown(report: dict[str, Any], settings: str) -> str:
    lines = [f"Server {settings}.", ""]
    if "kinds" in report:
        lines = [
            f"Load test: {report['requests']} requests from {report['clients']} concurrent clients in "
            f"{report['wall_seconds']:.1f} s ({report['requests_per_second']:.0f}/s); server {settings}.",
            f"Memory of server and workers: {report['memory_start_mb']:.0f} MB at start, "
            f"{report['memory_peak_mb']:.0f} MB at peak. After the load: HTTP {report['health_after']['status']} "
            f"in {report['health_after']['ms']:.0f} ms.",
            "",
            "| requests | count | statuses | median (ms) | p95 (ms) | max (ms) |",
            "|---|---|---|---|---|---|",
        ]
    for kind, k in report.get("kinds", {}).items():
        statuses = ", ".join(f"{status}×{n}" for status, n in sorted(k["statuses"].items()))
        lines.append(
            f"| {kind} | {k['requests']} | {statuses} | {k['median_ms']:.0f} | {k['p95_ms']:.0f} | {k['max_ms']:.0f} |"
        )
    probe = report.get("probe")
    if probe:
        alone, loaded = probe["alone"], probe["under_load"]
        verdict = "met" if probe["met"] else "not met"
        lines += [
            "",
            f"Cheap queries one after another ({alone['requests']} each time), alone and while {probe['hogs']} "
            f"clients send expensive queries (cross products, a sort of every pair of triples, a huge result); "
            f"target p95 < {probe['target_ms']:.0f} ms: {verdict}.",
            "",
            "| cheap queries | answered | median (ms) | p95 (ms) | max (ms) |",
            "|---|---|---|---|---|",
            f"| alone | {alone['answered']}/{alone['requests']} | {alone['median_ms']:.1f} | {alone['p95_ms']:.1f} "
            f"| {alone['max_ms']:.1f} |",
            f"| under expensive load | {loaded['answered']}/{loaded['requests']} | {loaded['median_ms']:.1f} "
            f"| {loaded['p95_ms']:.1f} | {loaded['max_ms']:.1f} |",
            f"| p95 under load ÷ alone | | | {probe['p95_ratio']:.2f} | |",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=ROOT / "graph" / "store")
    parser.add_argument("--url", help="load a server already running here instead of starting one")
    parser.add_argument("--server-pid", type=int, help="with --url: the server's pid, to sample its memory")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--timeout", type=float, default=2.0, help="the server's query timeout (seconds)")
    parser.add_argument("--workers", type=int, default=0, help="the server's workers (default: its own)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--json", action="store_true", help="print the report as JSON, write nothing")
    parser.add_argument("--hogs", type=int, default=12, help="clients sending expensive queries in the probe")
    parser.add_argument("--probes", type=int, default=200, help="cheap queries timed alone and under load")
    parser.add_argument("--no-mix", action="store_true", help="only the fast-lane probe, not the mixed load")
    args = parser.parse_args()
    from navokg.web.server import default_workers

    workers = f"--workers {args.workers} " if args.workers else ""
    settings = f"{workers}--timeout {args.timeout:g} --max-result-bytes 1000000"
    shown = settings if args.workers else f"{settings} ({default_workers()} workers, the default)"

    def measure(url: str, pid: int | None) -> dict[str, Any]:
        report: dict[str, Any] = {}
        if not args.no_mix:
            report = run_load(url, clients=args.clients, requests=args.requests, server_pid=pid)
        if args.probes:
            report["probe"] = run_probe(url, hogs=args.hogs, probes=args.probes)
        return report

    if args.url:
        report = measure(args.url, args.server_pid)
    else:
        sys.path.insert(0, str(ROOT))
        from tests.server import running_server

        options = settings.split()
        with running_server(args.store, *options, "--log-level", "warning", log_dir=Path("/tmp")) as server:
            report = measure(server.url, server.process.pid)
    if args.json:
        print(json.dumps(report))
        return
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", "utf-8")
    text = markdown(report, shown)
    (args.out / "load.md").write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
