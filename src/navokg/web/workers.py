"""A small pool of worker processes that run queries against the store, each with a time limit.

pyoxigraph cannot cancel a running query from another thread, so the only way to stop one
is to stop the process running it.  Each worker opens the store read-only and runs one task
at a time; when a task passes the time limit the pool kills its worker (SIGKILL), answers
with QueryTimeout and starts a replacement in the background.  A worker reopens the store
by itself when a newer build has been published (``GraphStore.is_stale``), so the server
follows rebuilds without a restart.

Tasks are plain module-level functions ``task(ctx, *args)`` whose arguments and results
pickle; ``ctx`` is the worker's ``WorkerContext``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from navokg.errors import NavokgError, QueryTimeout
from navokg.read.confidence import at_least
from navokg.store import GraphStore

__all__ = ["WorkerContext", "WorkerPool", "WorkerSettings"]

log = logging.getLogger("navokg.serve")

STARTUP_SECONDS = 60.0  # opening a large store read-only can take a while
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker needs to know: the store and the limits it enforces itself."""

    store: str
    allow_service: bool = False
    max_result_bytes: int = 32_000_000


class WorkerContext:
    """What a task sees in a worker: the open store, and a cache that lives as long as its build."""

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self.cache: dict[str, Any] = {}
        self._graph: GraphStore | None = None

    @property
    def graph(self) -> GraphStore:
        """The store, reopened first if a newer build has been published."""
        if self._graph is not None and self._graph.is_stale():
            log.info("a newer build of %s was published; reopening it", self.settings.store)
            self._graph = None  # closes the old generation before the new one opens
            self.cache.clear()
        if self._graph is None:
            self._graph = GraphStore.open(self.settings.store)
        return self._graph

    def at_least(self, minimum: Decimal | None) -> WorkerContext:
        """This context, or one on the store without the automatic facts below ``minimum``.

        The view is made once per build and minimum (``navokg.read.confidence``).
        """
        if minimum is None:
            return self
        graph = self.graph  # first: a newer build clears the cache
        key = f"view: min-confidence {minimum}"
        if key not in self.cache:
            self.cache[key] = _ViewContext(self, at_least(graph, minimum))
        view: WorkerContext = self.cache[key]
        return view


class _ViewContext(WorkerContext):
    """A task's context on a filtered view of the store (held in memory by its parent)."""

    def __init__(self, parent: WorkerContext, graph: GraphStore) -> None:
        super().__init__(parent.settings)
        self._view = graph

    @property
    def graph(self) -> GraphStore:
        return self._view


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the server dies, even by SIGKILL."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker_main(conn: Connection, settings: WorkerSettings) -> None:
    """Run tasks from the pipe until the server closes it."""
    _die_with_parent()
    # Ctrl-C in a terminal reaches the whole process group: the server decides when we stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ctx = WorkerContext(settings)
    try:
        ctx.graph  # noqa: B018 - open the store now, so the server can report a missing one at start
        conn.send(("ready", None))
    except NavokgError as error:
        conn.send(("ready", error))
    while True:
        try:
            task, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome: tuple[str, Any] = ("ok", task(ctx, *args))
        except NavokgError as error:
            outcome = ("error", error)
        except Exception as error:
            outcome = ("crash", f"{type(error).__name__}: {' '.join(str(error).split())}")
        try:
            conn.send(outcome)
        except (OSError, ValueError):  # the server is gone
            return
        except Exception as error:  # the outcome does not pickle: say so rather than die
            conn.send(("crash", f"unpicklable task outcome: {type(error).__name__}: {error}"))


def _done_future() -> asyncio.Future[Any]:
    """A future that is already done, for retiring a worker that runs no exchange."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    future.set_result(None)
    return future


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def exchange(self, message: Any) -> Any:
        """Send a task and wait for its outcome (runs in a thread of the pool's executor)."""
        self.conn.send(message)
        return self.conn.recv()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)

    def close(self) -> None:
        self.kill()
        self.conn.close()


class WorkerPool:
    """Run tasks in worker processes, at most ``timeout`` seconds each."""

    def __init__(self, settings: WorkerSettings, *, size: int = 2, timeout: float = 30.0) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.settings = settings
        self.size = size
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=size + 2, thread_name_prefix="navokg-worker-io")
        self._respawning: set[asyncio.Task[None]] = set()
        self._started = False
        self._closed = False

    @property
    def started(self) -> bool:
        return self._started

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and logs)."""
        return [w.process.pid for w in list(self._workers) if w.process.pid is not None]

    def _spawn(self) -> tuple[_Worker, NavokgError | None]:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_worker_main, args=(child, self.settings), name="navokg-query-worker", daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        if not parent.poll(STARTUP_SECONDS):
            worker.close()
            raise NavokgError(f"a query worker did not start within {STARTUP_SECONDS:.0f} s")
        try:
            _, problem = parent.recv()
        except (EOFError, OSError):
            worker.close()
            raise NavokgError(f"a query worker stopped while starting (exit code {process.exitcode})") from None
        with self._lock:
            self._workers.add(worker)
        return worker, problem

    def start(self) -> None:
        """Start every worker; raise the store's error if it cannot be opened."""
        if self._started:
            return
        try:
            for _ in range(self.size):
                worker, problem = self._spawn()
                if problem is not None:
                    raise problem
                self._idle.put_nowait(worker)
        except BaseException:
            self.close()
            raise
        self._started = True
        log.info("%d query workers ready on %s", self.size, self.settings.store)

    def close(self) -> None:
        """Stop every worker; tasks still running are abandoned."""
        self._closed = True
        with self._lock:
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.close()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _retire(self, worker: _Worker, exchange: asyncio.Future[Any]) -> None:
        """Kill a worker whose state is unknown and start another in its place."""
        with self._lock:
            self._workers.discard(worker)
        worker.kill()

        # The thread waiting on the pipe sees it close with the process; close our end after it.
        def close_pipe(future: asyncio.Future[Any]) -> None:
            if not future.cancelled():
                future.exception()  # EOFError: expected once the worker is gone
            worker.conn.close()

        exchange.add_done_callback(close_pipe)
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._respawn())
        self._respawning.add(task)
        task.add_done_callback(self._respawning.discard)

    async def _respawn(self) -> None:
        for attempt in range(5):
            if self._closed:
                return
            try:
                worker, problem = await asyncio.to_thread(self._spawn)
            except NavokgError as error:
                log.error("could not start a query worker (attempt %d): %s", attempt + 1, error)
                await asyncio.sleep(1.0 + attempt)
                continue
            if self._closed:  # the server stopped while this one started
                worker.close()
                return
            if problem is not None:
                log.warning("a new query worker cannot open the store: %s", problem)
            self._idle.put_nowait(worker)
            return

    async def _acquire(self) -> _Worker:
        """A live idle worker, waiting at most ``timeout`` seconds for one."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                remaining = max(0.0, deadline - time.monotonic())
                worker = await asyncio.wait_for(self._idle.get(), timeout=remaining)
            except TimeoutError:
                raise QueryTimeout(
                    f"the server is busy: all {self.size} query workers stayed busy for "
                    f"{self.timeout:g} s; try again later"
                ) from None
            if worker.process.is_alive():
                return worker
            # Died while idle (killed from outside, out of memory): replace it, take another.
            log.warning(
                "query worker %s had stopped (exit code %s); replacing it",
                worker.process.pid,
                worker.process.exitcode,
            )
            self._retire(worker, _done_future())

    async def run(self, task: Callable[..., Any], *args: Any) -> Any:
        """Run ``task(ctx, *args)`` in a free worker; QueryTimeout after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        worker = await self._acquire()
        started = time.monotonic()
        future = loop.run_in_executor(self._executor, worker.exchange, (task, args))
        try:
            done, _ = await asyncio.wait({future}, timeout=self.timeout)
        except asyncio.CancelledError:
            self._retire(worker, future)
            raise
        if not done:
            log.warning(
                "query stopped after %.1f s (time limit %g s); replacing worker %s",
                time.monotonic() - started,
                self.timeout,
                worker.process.pid,
            )
            self._retire(worker, future)
            with contextlib.suppress(Exception):
                await asyncio.wait({future}, timeout=5)  # the pipe closes with the worker
            raise QueryTimeout(
                f"the query ran longer than this endpoint's time limit of {self.timeout:g} s and "
                "was stopped; make it more selective (fewer unbound patterns, a LIMIT) or ask "
                "the server's operator for a longer --timeout"
            )
        try:
            status, value = future.result()
        except (EOFError, OSError):
            self._retire(worker, future)
            code = worker.process.exitcode
            raise NavokgError(
                f"the query worker stopped unexpectedly (exit code {code}); the query was not "
                "answered and the worker has been replaced"
            ) from None
        self._idle.put_nowait(worker)
        if status == "ok":
            return value
        if status == "error":
            raise value
        raise NavokgError(f"internal error in the query worker: {value}")
