"""The research pages: search, entities, documents, aid and a query page with permalinks.

Each handler asks a query worker for the page's data (``data.py``) and renders a Jinja2
template with autoescaping on, so every text from the graph is escaped.  The pages work
without JavaScript; the one small script only marks the evidence a link pointed at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from navokg.errors import NavokgError, UsageError
from navokg.read.confidence import parse_minimum
from navokg.web import data, views
from navokg.web.endpoint import checked_query, endpoint_url
from navokg.web.facts import FactView, path_of
from navokg.web.responses import error_info, render_page, wants_html
from navokg.web.sparql import FORMATS, ResultKind, SparqlRequest
from navokg.web.text import Span, paragraphs, segments
from navokg.web.workers import WorkerPool

__all__ = [
    "aid_page",
    "document_view",
    "entity_by_iri",
    "entity_view",
    "home_page",
    "network_page",
    "query_page",
    "search_page",
]

MAX_SEARCH = 200  # characters: a name, not an essay


def _pool(request: Request) -> WorkerPool:
    pool: WorkerPool = request.app.state.pool
    return pool


@dataclass(frozen=True)
class ConfidenceFilter:
    """The pages' control: leave out automatic facts below a confidence (curated ones always stay)."""

    minimum: Decimal | None
    keep: list[tuple[str, str]]  # the page's other parameters, for the control's form

    CHOICES: ClassVar[tuple[str, ...]] = ("0.5", "0.7", "0.9")


def _minimum(request: Request) -> Decimal | None:
    try:
        return parse_minimum(request.query_params.get("min_confidence"))
    except UsageError as error:
        raise UsageError(error.detail, parameter="min_confidence") from None


async def _run(request: Request, task: Callable[..., Any], *args: Any, fast: bool = True) -> Any:
    """Run a page's task in a worker, on the facts at or above the page's ``min_confidence``.

    Pages are bounded (``SHOWN`` rows), so they take the fast lane unless a filter first
    has to set its copy of the facts aside.
    """
    minimum = _minimum(request)
    if minimum is None:
        return await _pool(request).run(task, *args, fast=fast)
    return await _pool(request).run(data.at_least, minimum, task, *args)


def _filter(request: Request) -> ConfidenceFilter:
    keep = [(k, v) for k, v in request.query_params.multi_items() if k != "min_confidence"]
    return ConfidenceFilter(_minimum(request), keep)


async def home_page(request: Request) -> Response:
    """The start page: search, what the graph holds, its documents."""
    overview = await _run(request, data.home)
    return render_page(request, "home.html", home=overview, confidence=_filter(request))


async def search_page(request: Request) -> Response:
    """Entities by name or alias, case- and diacritic-insensitive.

    Every page but the aid page takes the fast lane: its queries are navokg's own, anchored
    on what the page is about; the start page, which sums over the whole graph, can run
    long on a big graph, and the pool then moves it out of the fast lane.
    """
    text = request.query_params.get("q", "").strip()
    if len(text) > MAX_SEARCH:
        raise UsageError(f"the search text is longer than {MAX_SEARCH} characters; search for a name")
    results = await _run(request, data.search_entities, text) if text else None
    if results is not None and len(results.hits) == 1 and request.query_params.get("go"):
        return RedirectResponse(results.hits[0].link.href or "/", status_code=303)
    return render_page(request, "search.html", q=text, results=results, confidence=_filter(request))


async def entity_view(request: Request) -> Response:
    """A person, organization, country or office page."""
    kind = request.url.path.strip("/").split("/", 1)[0]
    page = await _run(request, data.entity_page, kind, request.path_params["key"])
    return render_page(request, "entity.html", page=page, confidence=_filter(request))


async def section_view(request: Request) -> Response:
    """One page of a list of an entity page (its statements, aid, holders or documents)."""
    kind = request.url.path.strip("/").split("/", 1)[0]
    key, section = request.path_params["key"], request.path_params["section"]
    page = await _run(request, data.section_page, kind, key, section, _page_number(request))
    pages = _adjacent_pages(request, page.page, page.pages)
    return render_page(request, "section.html", page=page, pages=pages, confidence=_filter(request))


async def aid_list_view(request: Request) -> Response:
    """One page of every aid commitment, the latest first."""
    page = await _run(request, data.aid_list_page, _page_number(request))
    pages = _adjacent_pages(request, page.page, page.pages)
    return render_page(request, "section.html", page=page, pages=pages, confidence=_filter(request))


def _page_number(request: Request) -> int:
    """The ``page`` a paged list asks for (the first without one)."""
    page = request.query_params.get("page") or "1"
    if not page.isdigit():
        raise UsageError(f"must be a page number (got '{page}')", parameter="page")
    return int(page)


async def network_page(request: Request) -> Response:
    """An entity's neighbourhood: drawn by the script, and as tables that need none."""
    kind, key = request.path_params["kind"], request.path_params["key"]
    wanted = views.network_query(kind, key, request.query_params)
    network = await _pool(request).run(views.network_page_document, wanted, _page_number(request), fast=True)
    return render_page(
        request,
        "network.html",
        network=network,
        labels={node["iri"]: node["label"] for node in network["nodes"]},
        wanted=wanted,
        kinds=[k.value for k in views.ALL_KINDS_ORDERED],
        chosen={k.value for k in wanted.edge_kinds()},
        api=f"/api/neighbours/{kind}/{key}" + (f"?{request.url.query}" if request.url.query else ""),
        pages=_adjacent_pages(request, network["rows"]["page"], network["rows"]["pages"]),
    )


def _adjacent_pages(request: Request, page: int, pages: int) -> dict[str, str | None]:
    """The addresses of the pages before and after this one (None past either end)."""
    return {"previous": _page_href(request, page - 1, pages), "next": _page_href(request, page + 1, pages)}


def _page_href(request: Request, page: int, pages: int) -> str | None:
    """This address with another page of the table (None past either end)."""
    if not 1 <= page <= pages:
        return None
    kept = [(name, value) for name, value in request.query_params.multi_items() if name != "page"]
    return f"{request.url.path}?{urlencode([*kept, ('page', str(page))])}"


async def entity_by_iri(request: Request) -> Response:
    """Any resource by IRI: entities and documents redirect to their pages, facts are shown."""
    iri = request.query_params.get("iri", "")
    page = await _run(request, data.resource_page, iri)
    if page.redirect:
        return RedirectResponse(page.redirect, status_code=303)
    return render_page(request, "resource.html", page=page)


def _highlights(page: data.DocumentPage) -> tuple[list[Any], dict[str, list[tuple[int, FactView]]]]:
    """Segments of the body and, per evidence anchor, the numbered facts it supports."""
    by_span: dict[str, list[tuple[int, FactView]]] = {}
    spans = []
    for number, fact in enumerate(page.facts, start=1):
        for evidence in fact.evidence:
            if evidence.href.split("#")[0] != path_of(page.iri):
                continue
            key = f"ev-{evidence.start}-{evidence.end}"
            spans.append(Span(key, evidence.start, evidence.end))
            by_span.setdefault(key, []).append((number, fact))
    return segments(page.body, spans), by_span


async def document_view(request: Request) -> Response:
    """A document's text with every fact's evidence highlighted and linked to the fact."""
    page = await _run(request, data.document_page, request.path_params["doc_id"])
    parts, by_span = _highlights(page)
    return render_page(
        request,
        "document.html",
        page=page,
        paragraphs=paragraphs(page.body, parts),
        by_span=by_span,
        confidence=_filter(request),
    )


async def aid_page(request: Request) -> Response:
    """Aid totals per donor, recipient, year, currency and status, and every commitment.

    The totals sum over the whole graph, so the page runs in the general lane, whose
    workers made them when they started and keep them until the next build; a fast-lane
    worker may have just replaced one that a long page retired, and would sum again.
    """
    overview = await _run(request, data.aid_overview, fast=False)
    bars = [*overview.bars, *overview.other_currencies]
    statuses = [s for s in data.AID_STATUSES if s != "unknown" or any(s in b.by_status for b in bars)]
    return render_page(request, "aid.html", aid=overview, statuses=statuses, confidence=_filter(request))


def _downloads(query: str, kind: str | None) -> list[tuple[str, str]]:
    """Links to the same query's full result in each format of its kind, from /sparql."""
    if kind is None:
        return []
    result_kind = ResultKind.GRAPH if kind == "graph" else ResultKind.SOLUTIONS
    names = {
        "json": "JSON",
        "xml": "XML",
        "csv": "CSV",
        "tsv": "TSV",
        "turtle": "Turtle",
        "ntriples": "N-Triples",
        "jsonld": "JSON-LD",
        "rdfxml": "RDF/XML",
    }
    return [
        (names[fmt.name], "/sparql?" + urlencode({"query": query, "format": fmt.name}))
        for fmt in FORMATS
        if result_kind in fmt.kinds
    ]


async def query_page(request: Request) -> Response:
    """Run SPARQL from a form; the query is in the URL, so the address is a permalink."""
    query = request.query_params.get("query", "")
    table, error = None, None
    if query.strip():
        try:
            checked = await checked_query(request, query)
            sparql = SparqlRequest(query, base_iri=endpoint_url(request), checked=checked)
            table = await _run(request, data.query_table, sparql, fast=checked is not None and checked.bounded)
        except NavokgError as failure:
            if not wants_html(request):
                raise
            error = error_info(failure, request)
    status = error.status if error else 200
    return render_page(
        request,
        "query.html",
        status,
        query=query,
        table=table,
        error=error,
        examples=data.example_queries(),
        permalink="/query?" + urlencode({"query": query}) if query.strip() else None,
        downloads=_downloads(query, table.kind if table else None),
    )
