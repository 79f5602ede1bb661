"""A pool of worker processes that run queries against the store, each with time and memory limits.

pyoxigraph cannot cancel a running query from another thread, so the only way to stop one
is to stop the process running it.  Each worker opens the store read-only and runs one task
at a time; when a task passes the time limit the pool kills its worker (SIGKILL), answers
with QueryTimeout and starts a replacement in the background.  Each worker's data memory is
capped (``RLIMIT_DATA``, ``--max-memory``): a query that needs more makes its worker fail
an allocation and end, and the pool answers QueryOutOfMemory and replaces it.  A worker
reopens the store by itself when a newer build has been published (``GraphStore.is_stale``),
so the server follows rebuilds without a restart.

Two lanes.  Half the workers (``fast_lane_size``) only take tasks the caller marks as fast:
queries whose cost their constants bound (``CheckedQuery.bounded``) and pages about one
thing.  The rest, the general lane, take everything else and run at a lower CPU priority
(nice 10), so cheap queries keep their speed while expensive ones use up their time.  A
fast task that runs longer than ``FAST_SECONDS`` is moved out: its worker is lowered to the
general lane's priority and, once the task ends, replaced by a fresh fast worker.

Tasks are plain module-level functions ``task(ctx, *args)`` whose arguments and results
pickle; ``ctx`` is the worker's ``WorkerContext``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import importlib
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from navokg.errors import NavokgError, QueryOutOfMemory, QueryTimeout, UsageError
from navokg.read.confidence import at_least
from navokg.store import GraphStore

__all__ = [
    "FAST_SECONDS",
    "Lane",
    "WorkerContext",
    "WorkerPool",
    "WorkerSettings",
    "default_max_memory",
    "fast_lane_size",
    "format_bytes",
    "physical_memory",
]

log = logging.getLogger("navokg.serve")

STARTUP_SECONDS = 60.0  # opening a large store read-only can take a while
FAST_SECONDS = 0.5  # a fast-lane task running longer than this leaves the fast lane
GENERAL_NICE = 10  # the general lane's CPU priority, below the fast lane's and the server's
MIN_MEMORY = 256 * 2**20  # below this a worker cannot even open a store
_PR_SET_PDEATHSIG = 1


class Lane(StrEnum):
    """Which workers may take a task: the reserved fast ones, or the general ones."""

    FAST = "fast"
    GENERAL = "general"


def fast_lane_size(workers: int) -> int:
    """Workers kept for fast tasks: half of them, at least one once there are two.

    Under the load benchmark's mix (80% cheap queries and pages), a quarter (2 of 8) left
    the pages queueing for the fast lane; expensive queries only need enough workers to
    run out their time.
    """
    return 0 if workers < 2 else max(1, workers // 2)


def physical_memory() -> int:
    """Bytes of memory this process's machine or container has."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    with contextlib.suppress(OSError, ValueError):
        limit = open("/sys/fs/cgroup/memory.max").read().strip()  # noqa: SIM115 - one small read
        if limit.isdigit():
            total = min(total, int(limit))
    return int(total)


def default_max_memory(workers: int) -> int:
    """Half the machine's memory shared by the workers, so that all of them at their limit leave room."""
    return max(MIN_MEMORY, physical_memory() // 2 // max(1, workers))


def format_bytes(size: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{size} bytes"


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker needs to know: the store and the limits it enforces itself."""

    store: str
    allow_service: bool = False
    max_result_bytes: int = 32_000_000
    max_memory: int | None = None  # bytes of data memory (heap, anonymous maps) per worker
    # Modules a worker imports before it says it is ready, so that no request pays for
    # importing what its task needs (the network's numpy and networkx take a second).
    preload: tuple[str, ...] = ()
    # Tasks ("module:function", called with the context) a general-lane worker runs once it
    # is ready and before its first request: pages that sum over the whole store keep what
    # they made for the build (``WorkerContext.kept``), so their first visitor need not wait.
    warm: tuple[str, ...] = ()


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

    def kept(self, key: str, make: Callable[[], Any]) -> Any:
        """What ``make`` gives, made once per build: the store is looked at first, so a newer
        build clears what was kept for the one before."""
        _ = self.graph
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def at_least(self, minimum: Decimal | None) -> WorkerContext:
        """This context, or one on the store without the automatic facts below ``minimum``.

        The view is made once per build and minimum (``navokg.read.confidence``).
        """
        if minimum is None:
            return self
        view: WorkerContext = self.kept(
            f"view: min-confidence {minimum}", lambda: _ViewContext(self, at_least(self.graph, minimum))
        )
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


def _worker_main(conn: Connection, settings: WorkerSettings, nice: int) -> None:
    """Run tasks from the pipe until the server closes it."""
    _die_with_parent()
    # Ctrl-C in a terminal reaches the whole process group: the server decides when we stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if settings.max_memory is not None:
        # RLIMIT_DATA rather than RLIMIT_AS: RocksDB and the allocator reserve far more
        # address space than they use; data memory is what a runaway query grows.
        resource.setrlimit(resource.RLIMIT_DATA, (settings.max_memory, settings.max_memory))
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, nice)
    for module in settings.preload:
        importlib.import_module(module)
    ctx = WorkerContext(settings)
    try:
        ctx.graph  # noqa: B018 - open the store now, so the server can report a missing one at start
        conn.send(("ready", None))
    except NavokgError as error:
        conn.send(("ready", error))
    else:
        _warm(ctx, settings.warm)
    while True:
        try:
            task, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome: tuple[str, Any] = ("ok", task(ctx, *args))
        except NavokgError as error:
            outcome = ("error", error)
        except MemoryError:
            outcome = ("memory", None)
        except Exception as error:
            outcome = ("crash", f"{type(error).__name__}: {' '.join(str(error).split())}")
        try:
            conn.send(outcome)
        except (OSError, ValueError, MemoryError):  # the server is gone, or no memory to say more
            return
        except Exception as error:  # the outcome does not pickle: say so rather than die
            conn.send(("crash", f"unpicklable task outcome: {type(error).__name__}: {error}"))
        if outcome[0] == "memory":
            return  # the pool replaces a worker whose memory ran out


def _warm(ctx: WorkerContext, tasks: tuple[str, ...]) -> None:
    """Run the warming tasks; one that fails is logged and left to the request that needs it."""
    for name in tasks:
        module, _, function = name.partition(":")
        try:
            getattr(importlib.import_module(module), function)(ctx)
        except Exception as error:
            log.warning("warming %s failed: %s: %s", name, type(error).__name__, error)


def _done_future() -> asyncio.Future[Any]:
    """A future that is already done, for retiring a worker that runs no exchange."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    future.set_result(None)
    return future


class _Worker:
    """One worker process, the parent's end of its pipe, and its lane."""

    def __init__(self, process: BaseProcess, conn: Connection, lane: Lane) -> None:
        self.process = process
        self.conn = conn
        self.lane = lane
        self.demoted = False  # ran a fast task too long: it goes once that task ends

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
    """Run tasks in worker processes, at most ``timeout`` seconds each, in two lanes."""

    def __init__(
        self, settings: WorkerSettings, *, size: int = 2, timeout: float = 30.0, fast: int | None = None
    ) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.settings = settings
        self.size = size
        self.fast_size = fast_lane_size(size) if fast is None else fast
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: dict[Lane, deque[_Worker]] = {Lane.FAST: deque(), Lane.GENERAL: deque()}
        self._waiting: deque[tuple[tuple[Lane, ...], asyncio.Future[_Worker]]] = deque()
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

    def _spawn(self, lane: Lane) -> tuple[_Worker, NavokgError | None]:
        parent, child = self._context.Pipe(duplex=True)
        nice = GENERAL_NICE if lane is Lane.GENERAL else 0
        # Only the general lane warms: the pages that sum over the whole store run there.
        # A fast-lane worker is often one that replaces another (a fast task that ran long
        # retires its worker); warming would hold up the next request it is needed for.
        settings = self.settings if lane is Lane.GENERAL else replace(self.settings, warm=())
        process = self._context.Process(
            target=_worker_main, args=(child, settings, nice), name=f"navokg-{lane}-worker", daemon=True
        )
        process.start()
        if nice and process.pid is not None:  # start at the lane's priority: starting takes a second of CPU
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, process.pid, nice)
        child.close()
        worker = _Worker(process, parent, lane)
        if not parent.poll(STARTUP_SECONDS):
            worker.close()
            raise NavokgError(f"a query worker did not start within {STARTUP_SECONDS:.0f} s")
        try:
            _, problem = parent.recv()
        except (EOFError, OSError):
            worker.process.join(5)
            code = process.exitcode
            worker.close()
            if code == -signal.SIGABRT and self.settings.max_memory is not None:
                raise UsageError(
                    f"a query worker cannot open the store within --max-memory "
                    f"{format_bytes(self.settings.max_memory)}; give it more"
                ) from None
            raise NavokgError(f"a query worker stopped while starting (exit code {code})") from None
        with self._lock:
            self._workers.add(worker)
        return worker, problem

    def start(self) -> None:
        """Start every worker; raise the store's error if it cannot be opened."""
        if self._started:
            return
        try:
            for index in range(self.size):
                lane = Lane.FAST if index < self.fast_size else Lane.GENERAL
                worker, problem = self._spawn(lane)
                if problem is not None:
                    raise problem
                self._idle[lane].append(worker)
        except BaseException:
            self.close()
            raise
        self._started = True
        log.info("%d query workers ready on %s (%d in the fast lane)", self.size, self.settings.store, self.fast_size)

    def close(self) -> None:
        """Stop every worker; tasks still running are abandoned."""
        self._closed = True
        with self._lock:
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.close()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _release(self, worker: _Worker) -> None:
        """Hand an idle worker to the longest waiting task its lane may serve, else keep it."""
        for entry in list(self._waiting):
            lanes, waiter = entry
            if worker.lane in lanes and not waiter.done():
                self._waiting.remove(entry)
                waiter.set_result(worker)
                return
        self._idle[worker.lane].append(worker)

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
        task = asyncio.get_running_loop().create_task(self._respawn(worker.lane))
        self._respawning.add(task)
        task.add_done_callback(self._respawning.discard)

    async def _respawn(self, lane: Lane) -> None:
        for attempt in range(5):
            if self._closed:
                return
            try:
                worker, problem = await asyncio.to_thread(self._spawn, lane)
            except NavokgError as error:
                log.error("could not start a query worker (attempt %d): %s", attempt + 1, error)
                await asyncio.sleep(1.0 + attempt)
                continue
            if self._closed:  # the server stopped while this one started
                worker.close()
                return
            if problem is not None:
                log.warning("a new query worker cannot open the store: %s", problem)
            self._release(worker)
            return

    def _take(self, lanes: tuple[Lane, ...]) -> _Worker | None:
        for lane in lanes:
            if self._idle[lane]:
                return self._idle[lane].popleft()
        return None

    def _reap_idle(self) -> None:
        """Replace idle workers that died (killed from outside, say) in any lane, not only the one asked for."""
        for lane, idle in self._idle.items():
            for worker in [w for w in idle if not w.process.is_alive()]:
                idle.remove(worker)
                log.warning(
                    "%s query worker %s had stopped (exit code %s); replacing it",
                    lane,
                    worker.process.pid,
                    worker.process.exitcode,
                )
                self._retire(worker, _done_future())

    async def _acquire(self, lanes: tuple[Lane, ...]) -> _Worker:
        """A live idle worker of one of the lanes, waiting at most ``timeout`` seconds for one."""
        deadline = time.monotonic() + self.timeout
        self._reap_idle()
        while True:
            worker = self._take(lanes)
            if worker is None:
                waiter: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
                entry = (lanes, waiter)
                self._waiting.append(entry)
                try:
                    worker = await asyncio.wait_for(waiter, timeout=max(0.0, deadline - time.monotonic()))
                except TimeoutError:
                    with contextlib.suppress(ValueError):
                        self._waiting.remove(entry)
                    raise QueryTimeout(
                        f"the server is busy: all {self.size} query workers stayed busy for "
                        f"{self.timeout:g} s; try again later"
                    ) from None
                except asyncio.CancelledError:  # the client went away while waiting
                    with contextlib.suppress(ValueError):
                        self._waiting.remove(entry)
                    if waiter.done() and not waiter.cancelled():
                        self._release(waiter.result())
                    raise
            if worker.process.is_alive():
                return worker
            # Died while idle (killed from outside, out of memory): replace it, take another.
            log.warning(
                "query worker %s had stopped (exit code %s); replacing it",
                worker.process.pid,
                worker.process.exitcode,
            )
            self._retire(worker, _done_future())

    def _demote(self, worker: _Worker) -> None:
        """Move a worker whose fast task runs long out of the fast lane's priority."""
        worker.demoted = True
        if worker.process.pid is not None:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, worker.process.pid, GENERAL_NICE)
        log.info("a fast-lane task ran past %g s; worker %s leaves the fast lane", FAST_SECONDS, worker.process.pid)

    def _out_of_memory(self) -> QueryOutOfMemory:
        limit = format_bytes(self.settings.max_memory or 0)
        return QueryOutOfMemory(
            f"the query needed more memory than a query may use on this endpoint ({limit}) and was "
            "stopped; make it more selective (fewer unbound patterns; ORDER BY sorts every solution "
            "even with a LIMIT) or ask the server's operator for a larger --max-memory"
        )

    async def run(self, task: Callable[..., Any], *args: Any, fast: bool = False) -> Any:
        """Run ``task(ctx, *args)`` in a free worker; QueryTimeout after ``timeout`` seconds.

        ``fast`` tasks may take a fast-lane worker (or a general one, whichever is free
        first); others wait for a general one.
        """
        loop = asyncio.get_running_loop()
        lanes = (Lane.FAST, Lane.GENERAL) if fast or not self.size - self.fast_size else (Lane.GENERAL,)
        worker = await self._acquire(lanes)
        started = time.monotonic()
        future = loop.run_in_executor(self._executor, worker.exchange, (task, args))
        try:
            done: set[Any] = set()
            if worker.lane is Lane.FAST:
                done, _ = await asyncio.wait({future}, timeout=min(FAST_SECONDS, self.timeout))
                if not done:
                    self._demote(worker)
            if not done:
                remaining = max(0.0, self.timeout - (time.monotonic() - started))
                done, _ = await asyncio.wait({future}, timeout=remaining)
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
            await asyncio.to_thread(worker.process.join, 2)  # its own exit code, not our SIGKILL's
            code = worker.process.exitcode
            self._retire(worker, future)
            if code == -signal.SIGABRT and self.settings.max_memory is not None:
                log.warning("a query ran out of its worker's memory (%s)", format_bytes(self.settings.max_memory))
                raise self._out_of_memory() from None
            raise NavokgError(
                f"the query worker stopped unexpectedly (exit code {code}); the query was not "
                "answered and the worker has been replaced"
            ) from None
        if status == "memory" or worker.demoted:
            self._retire(worker, future)
        else:
            self._release(worker)
        if status == "ok":
            return value
        if status == "error":
            raise value
        if status == "memory":
            raise self._out_of_memory()
        raise NavokgError(f"internal error in the query worker: {value}")
