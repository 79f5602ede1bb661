"""Extraction on a Dask cluster: a build's per-document work, sent to running workers.

Extraction is a map over documents (``worker.Worker``), so a cluster can do it as well
as a local process pool: ``build(dask="tcp://scheduler:8786")`` submits the documents in
batches to the cluster and takes the results back in document order, and the build
loads them exactly as it loads a local pool's, so the store is the same.

The workers need navokg installed (the same version: a worker running other code is
refused, as its facts could differ) and nothing else: each task carries its documents'
bytes and their annotation files', and the registry and the SHACL shapes go to every
worker once, so no worker reads the build's files or needs a shared filesystem.

Dask rather than Ray: dask.distributed is pure Python wheels, a scheduler address is
all a build needs (``dask scheduler``, ``dask worker ADDRESS`` on each machine), and its
futures are the model the local pool already uses.  See docs/scaling.md.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from navokg.build.validate import Engine, Validator
from navokg.build.worker import DocumentResult, Job, Shipped, Worker
from navokg.errors import AnnotationError, RemoteError, UsageError
from navokg.sources.documents import document_bytes
from navokg.sources.entities import Registry
from navokg.store import code_fingerprint

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = ["ClusterSettings", "cluster_results", "connect"]

CONNECT_TIMEOUT = 5.0  # seconds to reach the scheduler
WORKERS_TIMEOUT = 30.0  # seconds to wait for a first worker: they may be starting too
MAX_BATCH = 16  # documents per task: enough to amortise a task's overhead, few enough to spread


@dataclass(frozen=True)
class ClusterSettings:
    """What every worker needs, sent to each once: no path in it needs to exist there."""

    fingerprint: str  # the build's: navokg's code, ontology, registry and engine
    code: str  # navokg's own code, which the workers' must equal
    registry: Registry  # the gazetteer, the registry file and the annotations' entities
    shapes_path: Path  # names the shapes in messages
    shapes: str  # the SHACL shapes' Turtle
    engine: Engine


def _connection_failure(address: str, exc: BaseException) -> RemoteError:
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return RemoteError(f"cannot reach the Dask scheduler at {address}: {detail}")


def _check_address(address: str) -> None:
    """Refuse an address Dask could not parse: its client would fail only after a long wait."""
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port

    try:
        scheme, location = parse_address(address, strict=False)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as exc:
        message = f"'{address}' is not a scheduler address like tcp://host:8786 ({exc})"
        raise UsageError(message, parameter="dask") from None


@contextlib.contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at ``address`` with at least one worker, closed afterwards."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "needs dask.distributed, which is not installed: pip install 'navokg[cluster]'", parameter="dask"
        ) from None
    _check_address(address)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise _connection_failure(address, exc) from None
    try:
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise RemoteError(
                f"the Dask scheduler at {address} has no workers ({exc}); start some with: dask worker {address}"
            ) from None
        yield client
    finally:
        client.close()


_LOCAL = threading.local()  # a worker thread's Worker, made once per build's settings


def _worker(settings: ClusterSettings) -> Worker:
    if code_fingerprint() != settings.code:
        raise RemoteError(
            "a Dask worker runs navokg code other than the build's; install the same navokg on every worker"
        )
    cached: tuple[str, Worker] | None = getattr(_LOCAL, "worker", None)
    if cached is None or cached[0] != settings.fingerprint:
        validator = Validator(settings.shapes_path, engine=settings.engine, text=settings.shapes)
        cached = (settings.fingerprint, Worker(settings.registry.copy(), validator))
        _LOCAL.worker = cached
    return cached[1]


def _run_batch(settings: ClusterSettings, batch: list[tuple[Job, Shipped]]) -> list[DocumentResult]:
    """A task on a worker: the results of a few documents, in their order."""
    worker = _worker(settings)
    return [worker(job, shipped) for job, shipped in batch]


def _ship(job: Job) -> Shipped:
    """A job's files as bytes, read here: the workers need not see this filesystem."""
    path, annotation = job
    if annotation is None:
        return Shipped(document_bytes(path), None)
    try:
        raw = annotation.read_bytes()
    except OSError as exc:
        raise AnnotationError(f"{annotation}: cannot be read: {exc.strerror}") from None
    return Shipped(document_bytes(path), raw)


def _threads(client: Client) -> int:
    workers = client.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def cluster_results(client: Client, jobs: list[Job], settings: ClusterSettings) -> Iterator[DocumentResult]:
    """Each job's result, in job order, computed on the cluster.

    Batches are submitted as results come back, a few per worker thread ahead, so neither
    this process nor the scheduler holds the whole corpus at once; a batch whose worker
    dies is run again elsewhere by Dask.
    """
    from distributed import CancelledError, KilledWorker

    threads = _threads(client)
    size = max(1, min(MAX_BATCH, len(jobs) // (threads * 8)))
    ahead = 4 * threads
    pending: deque[Future] = deque()

    def take(future: Future) -> list[DocumentResult]:
        try:
            results: list[DocumentResult] = future.result()
        except (OSError, TimeoutError, CancelledError, KilledWorker) as exc:
            detail = " ".join(str(exc).split()) or type(exc).__name__
            raise RemoteError(f"the Dask cluster failed: {type(exc).__name__}: {detail}") from None
        return results

    shared: Any = None
    try:
        for start in range(0, len(jobs), size):
            if shared is None:
                shared = client.scatter(settings, broadcast=True, hash=False)
            batch = [(job, _ship(job)) for job in jobs[start : start + size]]
            pending.append(client.submit(_run_batch, shared, batch, pure=False))
            if len(pending) >= ahead:
                yield from take(pending.popleft())
        while pending:
            yield from take(pending.popleft())
    finally:
        if pending:
            client.cancel(list(pending))
