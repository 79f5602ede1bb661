"""JSON endpoints behind the drawn views: a neighbourhood, a timeline, aid flows.

Each answers what the matching command writes with ``--format json`` (docs/exports.md),
computed in a query worker under the same time limit as the pages, and fails with the
one error body (docs/serving.md). The page scripts draw from these; programs can too.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from navokg.network import DateWindow
from navokg.web import views
from navokg.web.workers import WorkerPool

__all__ = ["aid_api", "facts_api", "neighbours_api", "timeline_api"]

JSON = "application/json"


def _pool(request: Request) -> WorkerPool:
    pool: WorkerPool = request.app.state.pool
    return pool


def _window(request: Request) -> tuple[str | None, str | None]:
    """from and to, checked here so a bad date is a 400 before a worker is asked."""
    start = request.query_params.get("from", "").strip() or None
    end = request.query_params.get("to", "").strip() or None
    DateWindow.parse(start, end)
    return start, end


async def neighbours_api(request: Request) -> Response:
    """``navokg neighbours`` of an entity: ?depth=1|2&kinds=holding,aid&from=&to= (at most 150 nodes);
    facts=0 names each edge's fact without reading it (``--no-facts``), as the drawing asks."""
    params = request.path_params
    wanted = views.network_query(params["kind"], params["key"], request.query_params)
    return Response(await _pool(request).run(views.network_json, wanted, fast=True), media_type=JSON)


async def timeline_api(request: Request) -> Response:
    """``navokg timeline`` of a person (offices, statements, aid) or an office (its holders): ?from=&to=."""
    start, end = _window(request)
    kind, key = request.path_params["kind"], request.path_params["key"]
    body = await _pool(request).run(views.timeline_json, kind, key, start, end, fast=True)
    return Response(body, media_type=JSON)


async def aid_api(request: Request) -> Response:
    """``navokg aid-flow``: totals per donor, recipient, year, currency and status: ?donor=&recipient=&from=&to=."""
    params = request.query_params
    donor, recipient = params.get("donor", "").strip() or None, params.get("recipient", "").strip() or None
    start, end = _window(request)
    return Response(await _pool(request).run(views.aid_json, donor, recipient, start, end, fast=True), media_type=JSON)


async def facts_api(request: Request) -> Response:
    """Facts by IRI, ?iri=…&iri=… (at most 20), as the network results give them: what a
    drawing read with facts=0 shows for the line a reader points at."""
    iris = [i.strip() for i in request.query_params.getlist("iri") if i.strip()]
    return Response(await _pool(request).run(views.facts_json, iris, fast=True), media_type=JSON)
