"""When to leave the embedded store: build, bulk load and saved queries on three engines.

    python -m benchmarks.servers --sizes 1000,10000 [--repeats 5] [--dask]

For each size: writes the synthetic corpus, builds the store (every core), exports it
as N-Quads shards, loads them with ``oxigraph load`` (then ``oxigraph serve-read-only``)
and with Virtuoso's bulk loader (a private ``virtuoso-t`` on loopback ports), and times
every saved query (parameters bound as ``benchmarks.stages`` binds them) in the embedded
store, in process, and over HTTP on both servers.  ``--dask`` also builds on a local
Dask cluster of one worker process per core.  Writes ``benchmarks/results/servers.json``
and ``servers.md``, from which docs/scaling.md takes its figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
SHARDS = 8

# Debian's virtuoso.ini, cut to what a private instance needs; buffers as Virtuoso's
# guide advises for about 2 GB of memory given to it (8 kB each).
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {shards}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
MaxClientConnections = 5
ServerThreads = 5
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def virtuoso_ini(db: Path, shards: Path, sql_port: int, http_port: int, *, buffers: int = 10_000) -> str:
    """A virtuoso.ini for a private instance in ``db`` that may read ``shards``."""
    return VIRTUOSO_INI.format(db=db, shards=shards, sql_port=sql_port, http_port=http_port, buffers=buffers,
                               dirty=buffers * 3 // 4)  # fmt: skip


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> bool:
    """Whether a SPARQL endpoint answers ``ASK {}`` before its process exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


@contextmanager
def running(command: list[str], url: str, cwd: Path | None = None) -> Iterator[str]:
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_for(url, process):
            raise RuntimeError(f"{command[0]} did not start")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _median_ms(repeats: int, action: Callable[[], object]) -> float:
    action()  # warm caches once, as a reader who asks a second time would
    return statistics.median(_seconds(action) for _ in range(repeats)) * 1000


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@cache
def _client() -> httpx.Client:
    """One connection pool for every query: a server's latency, not a TLS context's set-up."""
    return httpx.Client(timeout=900)


def _http_query(url: str, text: str) -> Callable[[], object]:
    from navokg.read.remote import Endpoint

    endpoint = Endpoint(url, client=_client())
    return lambda: sum(1 for _ in endpoint.query(text))


def run_size(size: int, work: Path, *, repeats: int, dask: bool) -> dict[str, Any]:
    from benchmarks.corpus import write_corpus
    from benchmarks.stages import _saved_query_cases
    from navokg.build.pipeline import available_cores, build
    from navokg.export import export_shards
    from navokg.read.query import run_query
    from navokg.store import GraphStore

    result: dict[str, Any] = {"documents": size}
    documents = work / "documents"
    write_corpus(documents, size)
    report = build(documents=documents, store=work / "store", jobs=available_cores(), incremental=False)
    result |= {"build_seconds": report.wall_seconds, "quads": report.quads, "store_bytes": _size(work / "store")}
    if dask:
        from distributed import LocalCluster

        with LocalCluster(n_workers=available_cores(), threads_per_worker=1, dashboard_address=":0") as cluster:
            on_cluster = build(documents=documents, store=work / "dask-store", incremental=False,
                               dask=cluster.scheduler_address)  # fmt: skip
        result["dask_build_seconds"] = on_cluster.wall_seconds
    graph = GraphStore.open(work / "store")
    shards = work / "shards"
    result["shards_seconds"] = _seconds(lambda: export_shards(graph, shards, shards=SHARDS))
    result["shards_bytes"] = _size(shards)
    cases = _saved_query_cases(graph)
    result["queries"] = {name: {"embedded_ms": _median_ms(repeats, lambda t=text: run_query(graph, t))}
                         for name, text in cases}  # fmt: skip

    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    location = work / "oxigraph"
    files = [str(p) for p in sorted(shards.glob("*.nq.gz"))]
    load = [binary, "load", "--location", str(location), "--file", *files]
    result["oxigraph_load_seconds"] = _seconds(lambda: subprocess.run(load, check=True, capture_output=True))
    result["oxigraph_bytes"] = _size(location)
    port = free_port()
    serve = [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"]  # fmt: skip
    with running(serve, f"http://127.0.0.1:{port}/query") as url:
        for name, text in cases:
            result["queries"][name]["oxigraph_ms"] = _median_ms(repeats, _http_query(url, text))

    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if server is None or isql is None:
        result["virtuoso"] = "not installed (.ci/install-virtuoso)"
        return result
    db = work / "virtuoso"
    db.mkdir()
    sql_port, http_port = free_port(), free_port()
    (db / "virtuoso.ini").write_text(virtuoso_ini(db, shards, sql_port, http_port, buffers=170_000), "utf-8")
    with running([server, "-f", "-c", "virtuoso.ini"], f"http://127.0.0.1:{http_port}/sparql", cwd=db) as url:
        sql = f"ld_dir('{shards}', '*.nq.gz', 'http://example.org/default'); rdf_loader_run(); checkpoint;"
        isql_load = [isql, str(sql_port), "dba", "dba", f"exec={sql}"]
        result["virtuoso_load_seconds"] = _seconds(lambda: subprocess.run(isql_load, check=True, capture_output=True))
        for name, text in cases:
            try:
                result["queries"][name]["virtuoso_ms"] = _median_ms(repeats, _http_query(url, text))
            except Exception as exc:  # a query Virtuoso refuses is a finding, not a crash
                result["queries"][name]["virtuoso_ms"] = f"error: {' '.join(str(exc).split())[:120]}"
    result["virtuoso_bytes"] = _size(db)
    return result


def _cell(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else ("refused" if str(value).startswith("error") else str(value))


def summary(results: list[dict[str, Any]], command: str) -> str:
    lines = [f"Measured with `{command}` on {platform_line()}.", ""]
    lines += [
        "| documents | quads | quads/doc | build (s) | Dask build (s) | shards (s) | shards (MB) | store (MB) "
        "| oxigraph load (s) | oxigraph (MB) | Virtuoso load (s) | Virtuoso (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        mb = {k: r.get(k, 0) / 1e6 for k in ("shards_bytes", "store_bytes", "oxigraph_bytes", "virtuoso_bytes")}
        lines.append(
            f"| {r['documents']:,} | {r['quads']:,} | {r['quads'] / r['documents']:.0f} | {r['build_seconds']:.1f} "
            f"| {_cell(r.get('dask_build_seconds', '—'))} | {r['shards_seconds']:.1f} | {mb['shards_bytes']:.1f} "
            f"| {mb['store_bytes']:.1f} | {r['oxigraph_load_seconds']:.1f} | {mb['oxigraph_bytes']:.1f} "
            f"| {_cell(r.get('virtuoso_load_seconds', '—'))} | {mb['virtuoso_bytes']:.1f} |"
        )
    for r in results:
        lines += ["", f"Saved queries at {r['documents']:,} documents (median ms):", ""]
        lines += ["| query | embedded | Oxigraph server (HTTP) | Virtuoso (HTTP) |", "|---|---|---|---|"]
        for name, q in r["queries"].items():
            lines.append(f"| {name} | {_cell(q['embedded_ms'])} | {_cell(q.get('oxigraph_ms', '—'))} "
                         f"| {_cell(q.get('virtuoso_ms', '—'))} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def platform_line() -> str:
    from benchmarks.__main__ import machine

    info = machine()
    return f"{info['cpu']} ({info['cores']} cores), Python {info['python']}, {info['date']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dask", action="store_true")
    parser.add_argument(
        "--work", type=Path, default=None, help="Folder for corpora and stores (default: a temporary one)."
    )
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="navokg-servers-") as temporary:
        for size in (int(s) for s in args.sizes.split(",")):
            work = (args.work or Path(temporary)) / str(size)
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            results.append(run_size(size, work, repeats=args.repeats, dask=args.dask))
            print(json.dumps(results[-1]), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "servers.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    command = "python -m benchmarks.servers " + " ".join(sys.argv[1:])
    (RESULTS / "servers.md").write_text(summary(results, command), "utf-8")


if __name__ == "__main__":
    main()
