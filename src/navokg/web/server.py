"""Serve the graph: a read-only SPARQL 1.1 Protocol endpoint and the research pages.

``serve(ServeConfig(...))`` runs the Starlette application from ``create_app`` under
uvicorn.  Queries run in a pool of worker processes (``navokg.web.workers``), so a query
past the time limit is stopped by killing its process, and results larger than the cap
are refused (413) before they are sent.  Routes, parameters, formats, limits and the error
body are described in docs/serving.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import getpass
import logging
import re
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from navokg.errors import NavokgError, UsageError
from navokg.store import GraphStore, default_store_path
from navokg.web import api, pages
from navokg.web.endpoint import sparql_endpoint
from navokg.web.facts import ENTITY_KINDS
from navokg.web.responses import error_response
from navokg.web.review import ReviewSecurity, review_routes
from navokg.web.workers import WorkerPool, WorkerSettings, default_max_memory

__all__ = ["ServeConfig", "create_app", "default_workers", "serve"]

log = logging.getLogger("navokg.serve")


def default_workers() -> int:
    """Four query workers per core, 2 to 16.

    Queries are CPU-bound and a pathological one holds its worker until the time limit.
    With more workers than cores the operating system shares the cores, so cheap queries
    keep answering while slow ones run out their time: under a mix with 10% queries that
    time out, 2 workers on 2 cores answered 56% of cheap requests, 8 answered 97%
    (benchmarks/load.py); each worker costs about 50 MB.
    """
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(2, min(16, 4 * cores))


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from a size such as 800M, 1.5G or 2GB (powers of 1,024)."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise UsageError(f"'{text}' is not a size; write e.g. 800M or 2G", parameter="max-memory")
    scale = 1024 ** " KMGT".index((match.group(2) or " ").upper())
    return int(float(match.group(1)) * scale)


@dataclass(frozen=True)
class ServeConfig:
    """How to serve: where the store is, where to listen, and the limits that protect the server."""

    store: Path | None = None  # None: $NAVOKG_STORE, else graph/store
    host: str = "127.0.0.1"
    port: int = 7878
    workers: int = 0  # 0: default_workers()
    timeout: float = 30.0
    max_result_bytes: int = 32_000_000
    # Data memory per query worker (bytes, or a size such as "2G"); None: half the machine's
    # memory shared by the workers.
    max_memory: int | str | None = None
    allow_service: bool = False
    cors_origins: tuple[str, ...] = ()
    log_level: str = "info"
    # Review mode (docs/serving.md, "Review"): off unless asked; a token to write from afar.
    review: bool = False
    review_token: str | None = None
    reviewer: str | None = None  # who decisions are by unless the page says; default: this user

    def __post_init__(self) -> None:
        object.__setattr__(self, "store", Path(self.store) if self.store is not None else default_store_path())
        object.__setattr__(self, "workers", self.workers or default_workers())
        if isinstance(self.max_memory, str):
            object.__setattr__(self, "max_memory", parse_size(self.max_memory))
        if self.review_token is not None and not self.review:
            raise UsageError("a review token is for review mode; add --review", parameter="review-token")

    def worker_settings(self) -> WorkerSettings:
        return WorkerSettings(
            store=str(self.store),
            allow_service=self.allow_service,
            max_result_bytes=self.max_result_bytes,
            max_memory=int(self.max_memory) if self.max_memory is not None else default_max_memory(self.workers),
            preload=("navokg.web.data", "navokg.web.views"),  # the pages' and endpoints' tasks
            warm=("navokg.web.data:aid_overview",),
        )


async def _handle_error(request: Request, error: Exception) -> Response:
    return error_response(request, error)


class _CatchAll:
    """Turn an unexpected exception into the error body, inside CORS so it keeps its headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            if started:
                raise
            response = error_response(Request(scope, receive), error)
            await response(scope, receive, send)


def routes(*, review: bool = False) -> list[Route | Mount]:
    """Every route the server answers (docs/serving.md describes each); review's only in review mode."""
    return [
        *(review_routes() if review else []),
        Route("/", pages.home_page, name="home"),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"], name="sparql"),
        Route("/search", pages.search_page, name="search"),
        Route("/person/{key}", pages.entity_view, name="person"),
        Route("/organization/{key}", pages.entity_view, name="organization"),
        Route("/country/{key}", pages.entity_view, name="country"),
        Route("/office/{key}", pages.entity_view, name="office"),
        *[Route(f"/{kind}/{{key}}/{{section}}", pages.section_view, name=f"{kind}-list") for kind in ENTITY_KINDS],
        Route("/entity", pages.entity_by_iri, name="entity"),
        Route("/document/{doc_id}", pages.document_view, name="document"),
        Route("/network/{kind}/{key}", pages.network_page, name="network"),
        Route("/aid", pages.aid_page, name="aid"),
        Route("/aid/commitments", pages.aid_list_view, name="aid-list"),
        Route("/api/neighbours/{kind}/{key}", api.neighbours_api, name="api-neighbours"),
        Route("/api/facts", api.facts_api, name="api-facts"),
        Route("/api/timeline/{kind}/{key}", api.timeline_api, name="api-timeline"),
        Route("/api/aid", api.aid_api, name="api-aid"),
        Route("/query", pages.query_page, name="query"),
        # Compressed: the drawing libraries are 720 KB as they ship, 230 KB gzipped.
        Mount("/static", GZipMiddleware(StaticFiles(packages=[("navokg.web", "static")])), name="static"),
    ]


def create_app(config: ServeConfig, *, pool: WorkerPool | None = None) -> Starlette:
    """The ASGI application; it starts (or takes) a worker pool and stops it at shutdown."""
    workers = pool or WorkerPool(config.worker_settings(), size=config.workers, timeout=config.timeout)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not workers.started:
            workers.start()
        try:
            yield
        finally:
            workers.close()

    middleware = [Middleware(_CatchAll)]
    if config.cors_origins:
        middleware.insert(
            0,
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors_origins),
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Accept", "Content-Type"],
                max_age=600,
            ),
        )
    handlers: dict[Any, Any] = {NavokgError: _handle_error, HTTPException: _handle_error}
    security = _review_security(config)
    app = Starlette(
        routes=routes(review=config.review), middleware=middleware, exception_handlers=handlers, lifespan=lifespan
    )
    app.state.pool = workers
    app.state.config = config
    app.state.review = security
    app.state.review_lock = asyncio.Lock()
    return app


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment (some containers)
        return "reviewer"


def _review_security(config: ServeConfig) -> ReviewSecurity | None:
    """Review mode's keys, checked against where the server listens; None when review is off."""
    if not config.review:
        return None
    security = ReviewSecurity.create(config.review_token, config.reviewer or _login_name())
    security.check_bind(config.host)
    return security


def _listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket here, so a taken port is a one-line error, not an exit."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise UsageError(f"{host}: cannot resolve it ({exc.strerror})", parameter="host") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _log_config() -> dict[str, Any]:
    """uvicorn's logging setup, with navokg's server messages beside its own."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["navokg"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def serve(config: ServeConfig) -> None:
    """Serve until interrupted; raise the store's error at once if it cannot be opened."""
    import uvicorn

    GraphStore.open(config.store)  # a missing or incompatible store is reported before listening
    _review_security(config)  # review on a public address without a token: refused before listening
    sock = _listen(config.host, config.port)
    pool = WorkerPool(config.worker_settings(), size=config.workers, timeout=config.timeout)
    try:
        pool.start()
        app = create_app(config, pool=pool)
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                log_config=_log_config(),
                log_level=config.log_level,
                ws="none",
                http="h11",
                h11_max_incomplete_event_size=64 * 1024,  # long GET queries (permalinks)
                timeout_graceful_shutdown=5,
            )
        )
        log.info("serving %s on http://%s:%d/ (SPARQL at /sparql)", config.store, config.host, config.port)
        if config.review:
            log.info("review mode: the queue is at http://%s:%d/review", config.host, config.port)
        server.run(sockets=[sock])
    finally:
        pool.close()
        sock.close()
