"""The /sparql route: the SPARQL 1.1 Protocol's three query forms, read-only.

- ``GET /sparql?query=...``
- ``POST /sparql`` with ``application/x-www-form-urlencoded`` (``query=...``)
- ``POST /sparql`` with ``application/sparql-query`` (the query is the body)

``default-graph-uri`` and ``named-graph-uri`` (repeatable) set the dataset; ``format``
names the answer's format for browsers and links.  ``GET /sparql`` without a query is the
service description.  Update requests (``update=`` or ``application/sparql-update``) are
refused with 403.

The server reads a query (``navokg.read.sparql_check``) before any worker does: refusals
are answered at once, and a query whose cost its constants bound goes to the fast lane.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from urllib.parse import parse_qsl

from starlette.datastructures import MultiDict
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from navokg.errors import QueryError
from navokg.read.sparql_check import CheckedQuery, check_query
from navokg.web.sparql import SparqlAnswer, SparqlRequest, acceptable, describe_service, html_preferred, sparql_answer
from navokg.web.workers import WorkerPool

__all__ = ["MAX_REQUEST_BYTES", "sparql_endpoint"]

MAX_REQUEST_BYTES = 1_000_000  # a query text longer than this is not a query people write
# Longer queries are read by the worker that runs them, under its time and memory limits,
# rather than in the server process, which every request shares.
SERVER_CHECK_CHARS = 8_000
_CHECKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="navokg-check")
_READ_ONLY = (
    "this endpoint is read-only: SPARQL updates are refused (change the graph by rebuilding it with navokg build)"
)


async def _body(request: Request) -> bytes:
    """The request body, refused with 413 past MAX_REQUEST_BYTES without reading it all."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_REQUEST_BYTES:
        raise HTTPException(413, f"the request body is larger than {MAX_REQUEST_BYTES:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise HTTPException(413, f"the request body is larger than {MAX_REQUEST_BYTES:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{what} is not UTF-8 (byte {exc.start}); send the query as UTF-8") from None


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _form(data: bytes) -> MultiDict:
    try:
        pairs = parse_qsl(_decode(data, "the form body"), keep_blank_values=True, strict_parsing=False)
    except ValueError as exc:
        raise QueryError(f"unreadable form body: {exc}") from None
    return MultiDict(pairs)


def _single(params: MultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:  # the protocol allows exactly one, even when the copies agree
        raise QueryError(f"give the {name} parameter once, not {len(values)} times")
    return values[0] if values else None


async def checked_query(request: Request, text: str) -> CheckedQuery | None:
    """The check's verdict on a query, reached in a thread of the server; None for long texts."""
    if len(text) > SERVER_CHECK_CHARS:
        return None
    allow_service = request.app.state.config.allow_service
    return await asyncio.get_running_loop().run_in_executor(
        _CHECKER, partial(check_query, text, allow_service=allow_service)
    )


def endpoint_url(request: Request) -> str:
    """The /sparql address as the client reached it: the base for relative IRIs in queries."""
    return str(request.url_for("sparql"))


async def _protocol_params(request: Request) -> MultiDict | None:
    """The protocol parameters of a request (None: GET without any, the service description)."""
    url_params = MultiDict(request.query_params.multi_items())
    if request.method in ("GET", "HEAD"):
        return url_params if url_params else None
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/sparql-update":
        raise HTTPException(403, _READ_ONLY)
    if media_type == "application/x-www-form-urlencoded":
        form = _form(await _body(request))
        return MultiDict([*url_params.multi_items(), *form.multi_items()])
    if media_type == "application/sparql-query":
        charset = _charset(request.headers.get("content-type", ""))
        if charset not in (None, "utf-8", "utf8"):
            raise HTTPException(415, f"the query is sent as {charset}; send it as UTF-8, as the protocol asks")
        query = _decode(await _body(request), "the query")
        if "query" in url_params:
            raise QueryError("give the query either in the body or as query=, not both")
        return MultiDict([*url_params.multi_items(), ("query", query)])
    raise HTTPException(
        415,
        f"POST /sparql takes application/x-www-form-urlencoded or application/sparql-query, "
        f"not '{media_type or 'no content type'}'",
    )


def _answer(answer: SparqlAnswer) -> Response:
    headers = {"Vary": "Accept", **answer.headers}
    return Response(answer.body, media_type=answer.content_type, headers=headers)


async def sparql_endpoint(request: Request) -> Response:
    """Answer a SPARQL 1.1 Protocol request (queries only)."""
    pool: WorkerPool = request.app.state.pool
    params = await _protocol_params(request)
    accept = request.headers.get("accept")
    if request.method in ("GET", "HEAD") and (params is None or set(params.keys()) == {"format"}):
        formats = tuple(params.getlist("format")) if params else ()
        if not formats and html_preferred(accept):  # a browser opening the endpoint
            return RedirectResponse("/query", status_code=303)
        return _answer(await pool.run(describe_service, endpoint_url(request), accept, formats))
    assert params is not None
    if "update" in params:
        raise HTTPException(403, _READ_ONLY)
    query = _single(params, "query")
    if query is None:
        raise QueryError("no query: send a SPARQL query in the query parameter (or POST it)")
    formats = tuple(params.getlist("format"))
    if not formats and not acceptable(accept):
        raise HTTPException(
            406,
            f"no format in Accept: {accept}; this endpoint answers in SPARQL results JSON/XML, "
            "CSV, TSV, Turtle, N-Triples, JSON-LD and RDF/XML",
        )
    checked = await checked_query(request, query)
    sparql_request = SparqlRequest(
        query=query,
        default_graphs=tuple(params.getlist("default-graph-uri")),
        named_graphs=tuple(params.getlist("named-graph-uri")),
        accept=accept,
        formats=formats,
        base_iri=endpoint_url(request),
        checked=checked,
    )
    return _answer(await pool.run(sparql_answer, sparql_request, fast=checked is not None and checked.bounded))
