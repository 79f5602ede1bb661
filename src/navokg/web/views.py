"""The drawn views' data: a neighbourhood, a timeline and aid flows, computed in a query worker.

Each is one call into ``navokg.network``, the library behind ``navokg neighbours``,
``navokg timeline`` and ``navokg aid-flow``, and is answered in the JSON those commands
write (``network.render``, shapes in docs/exports.md): the drawings, the tables behind
them and the command line show the same projection. The page scripts draw from the JSON
endpoints (``/api/...``); the pages render their tables from the same documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from starlette.datastructures import QueryParams

from navokg.errors import NotFoundError, UsageError
from navokg.network import (
    ALL_KINDS,
    DateWindow,
    EdgeKind,
    FlowGrouping,
    aid_flow,
    neighbourhood,
    parse_kinds,
    report,
    timeline,
)
from navokg.network.render import cut_note, facts_document, json_bytes
from navokg.network.walk import Neighbourhood, read_edge_facts
from navokg.read.cards import LISTED
from navokg.read.facts import read_facts
from navokg.vocab import ID_BASE
from navokg.web.facts import ENTITY_KINDS, Link, page_count, path_of
from navokg.web.workers import WorkerContext

__all__ = [
    "ALL_KINDS_ORDERED",
    "DEFAULT_KINDS",
    "EDGES_PER_PAGE",
    "FACTS_AT_ONCE",
    "FACTS_PER_PAIR",
    "NETWORK_LIMIT",
    "TIMELINE_LIMIT",
    "Connections",
    "Neighbour",
    "NetworkQuery",
    "aid_document",
    "aid_json",
    "connections",
    "facts_json",
    "network_document",
    "network_json",
    "network_page_document",
    "network_query",
    "timeline_document",
    "timeline_json",
]

# As `navokg neighbours`: every kind but co-mention (a pair per two names in a document).
DEFAULT_KINDS = ALL_KINDS - {EdgeKind.CO_MENTION}
ALL_KINDS_ORDERED = tuple(EdgeKind)  # the filter's checkboxes, in the projection's order
# The most nodes a drawing shows; larger neighbourhoods are cut by the library, which says so.
NETWORK_LIMIT = 150
TIMELINE_LIMIT = 300  # statements and aid a drawn timeline holds (an office: holders), the latest
# The most facts of a kind drawn between two nodes (a line shows them; the rest are counted).
FACTS_PER_PAIR = 3
MAX_DEPTH = 2


@dataclass(frozen=True)
class NetworkQuery:
    """What a network view asks for, as the page's form and the endpoint's parameters give it."""

    kind: str
    key: str
    depth: int = 1
    kinds: str | None = None  # "holding,aid"; None: the default kinds
    start: str | None = None  # from: YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None = None  # to
    limit: int = NETWORK_LIMIT
    facts: bool = True  # False: each edge names its fact (fact_iri) unread, as --no-facts

    @property
    def iri(self) -> str:
        return f"{ID_BASE}{self.kind}/{self.key}"

    def edge_kinds(self) -> frozenset[EdgeKind]:
        return parse_kinds(self.kinds, DEFAULT_KINDS, EdgeKind, parameter="kinds")

    def window(self) -> DateWindow | None:
        return DateWindow.parse(self.start, self.end)


def network_query(kind: str, key: str, params: QueryParams) -> NetworkQuery:
    """A network view's question from query parameters: depth, kinds (repeated or "a,b"), from, to, limit.

    A bad value is a UsageError naming its parameter; checked here, before a worker is asked.
    """
    depth = params.get("depth") or "1"
    if depth not in {str(d) for d in range(1, MAX_DEPTH + 1)}:
        raise UsageError(f"must be 1 or 2 (got '{depth}')", parameter="depth")
    kinds = ",".join(v for v in params.getlist("kinds") if v.strip()) or None
    limit = params.get("limit") or str(NETWORK_LIMIT)
    if not limit.isdigit() or not 1 <= int(limit) <= NETWORK_LIMIT:
        raise UsageError(f"must be a number from 1 to {NETWORK_LIMIT} (got '{limit}')", parameter="limit")
    facts = params.get("facts") or "1"
    if facts not in {"0", "1"}:
        raise UsageError(f"must be 1 (read each edge's fact) or 0 (name it only) (got '{facts}')", parameter="facts")
    wanted = NetworkQuery(kind, key, int(depth), kinds, params.get("from", "").strip() or None,
                          params.get("to", "").strip() or None, int(limit), facts == "1")  # fmt: skip
    wanted.edge_kinds()  # a bad kind or date is a UsageError now, not in a worker
    wanted.window()
    return wanted


def _entity_iri(kind: str, key: str) -> str:
    """The IRI of an entity page's subject; an unknown kind is a NotFoundError, as for the page."""
    if kind not in ENTITY_KINDS:
        raise NotFoundError(f"no kind of entity '{kind}'; kinds: {', '.join(ENTITY_KINDS)}")
    return f"{ID_BASE}{kind}/{key}"


def _neighbourhood(ctx: WorkerContext, wanted: NetworkQuery, *, with_facts: bool) -> Neighbourhood:
    """The neighbourhood a view asks for, as every view draws it (FACTS_PER_PAIR, LISTED)."""
    return neighbourhood(
        ctx.graph,
        _entity_iri(wanted.kind, wanted.key),
        depth=wanted.depth,
        kinds=wanted.edge_kinds(),
        window=wanted.window(),
        limit=wanted.limit,
        facts_per_pair=FACTS_PER_PAIR,
        reports=LISTED,
        with_facts=with_facts,
    )


def network_document(ctx: WorkerContext, wanted: NetworkQuery) -> dict[str, Any]:
    """``navokg neighbours --depth D --via KINDS --from --to --limit 150 [--no-facts] --format json``."""
    return report(_neighbourhood(ctx, wanted, with_facts=wanted.facts)).document


EDGES_PER_PAGE = 200  # rows of a network page's table of facts; the drawing has them all


def network_page_document(ctx: WorkerContext, wanted: NetworkQuery, page: int = 1) -> dict[str, Any]:
    """The network page: every node, and one page of its edges with their facts read.

    A hub's neighbourhood has thousands of edges; a table shows them a page at a time,
    so only the shown page's facts are read. ``rows`` says which rows of how many.
    """
    result = _neighbourhood(ctx, wanted, with_facts=False)
    pages = page_count(len(result.edges), page, EDGES_PER_PAGE)
    first = (page - 1) * EDGES_PER_PAGE
    shown = read_edge_facts(ctx.graph, result.edges[first : first + EDGES_PER_PAGE], LISTED)
    rows = {"first": first + 1, "last": first + len(shown), "of": len(result.edges), "page": page, "pages": pages}
    return report(replace(result, edges=shown)).document | {"rows": rows}


FACTS_AT_ONCE = 20  # facts one /api/facts call reads: a line's three, a hover at a time


def facts_json(ctx: WorkerContext, iris: list[str]) -> bytes:
    """Facts by IRI as the network results give them, read from LISTED of their reports."""
    if not iris:
        raise UsageError("name at least one fact: ?iri=…", parameter="iri")
    if len(iris) > FACTS_AT_ONCE:
        raise UsageError(f"at most {FACTS_AT_ONCE} facts at once (got {len(iris)})", parameter="iri")
    read = read_facts(ctx.graph, iris, reports=LISTED)
    return json_bytes(facts_document(read[iri] for iri in dict.fromkeys(iris) if iri in read), indent=False)


def timeline_document(ctx: WorkerContext, kind: str, key: str, start: str | None, end: str | None) -> dict[str, Any]:
    """``navokg timeline ENTITY --format json``: a person's life, or an office's holders."""
    window = DateWindow.parse(start, end)
    drawn = timeline(ctx.graph, _entity_iri(kind, key), window=window, reports=LISTED, limit=TIMELINE_LIMIT)
    return report(drawn).document


def aid_document(
    ctx: WorkerContext,
    donor: str | None = None,
    recipient: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> dict[str, Any]:
    """``navokg aid-flow --format json``: totals per donor, recipient, year, currency and status."""
    window = DateWindow.parse(start, end)
    flows = aid_flow(ctx.graph, donor=donor, recipient=recipient, grouping=FlowGrouping.YEAR, window=window)
    return report(flows).document


@dataclass(frozen=True)
class Neighbour:
    """A node next to the centre of a network view, and the kinds of edge that join them."""

    link: Link
    kind: str
    relations: tuple[tuple[str, int], ...]  # (edge kind, how many), most first
    more: frozenset[str] = frozenset()  # kinds with more facts than FACTS_PER_PAIR (not all counted)


@dataclass(frozen=True)
class Connections:
    """What an entity page lists beside its network drawing: the nodes one hop away."""

    neighbours: list[Neighbour]
    note: str | None  # what the cut to NETWORK_LIMIT left out, if anything
    total: int


def connections(ctx: WorkerContext, wanted: NetworkQuery) -> Connections:
    """The drawing's first hop as a list to read: each node next to the centre and how it is joined."""
    result = _neighbourhood(ctx, replace(wanted, depth=1), with_facts=False)
    centre = result.centre.iri
    joins: dict[str, Counter[str]] = {}
    for edge in result.edges:
        ends = {edge.source, edge.target}
        if centre in ends and len(ends) == 2:
            joins.setdefault(next(iter(ends - {centre})), Counter())[edge.kind.value] += 1
    found = []
    for iri, node in result.nodes.items():
        if iri in joins:
            relations = tuple(sorted(joins[iri].items(), key=lambda item: (-item[1], item[0])))
            capped = frozenset(k for k, n in relations if n >= FACTS_PER_PAIR and result.facts_left_out)
            found.append(Neighbour(Link(node.label, path_of(iri)), node.kind.value, relations, capped))
    return Connections(found, cut_note(result), result.total)


# The endpoints write their JSON in the worker (bytes pickle faster than nested dicts),
# without the indentation the command line adds for reading: the C encoder is several
# times faster.


def network_json(ctx: WorkerContext, wanted: NetworkQuery) -> bytes:
    return json_bytes(network_document(ctx, wanted), indent=False)


def timeline_json(ctx: WorkerContext, kind: str, key: str, start: str | None, end: str | None) -> bytes:
    return json_bytes(timeline_document(ctx, kind, key, start, end), indent=False)


AID_CACHE = 32  # answers kept per worker: aid-flow aggregates over every commitment in the store


def aid_json(ctx: WorkerContext, donor: str | None, recipient: str | None, start: str | None, end: str | None) -> bytes:
    """The aid flows, kept in the worker for its store's generation (they cannot change within it)."""
    kept: dict[tuple[str | None, ...], bytes] = ctx.kept("aid-json", dict)
    key = (donor, recipient, start, end)
    if key not in kept:
        if len(kept) >= AID_CACHE:
            kept.pop(next(iter(kept)))
        kept[key] = json_bytes(aid_document(ctx, donor, recipient, start, end), indent=False)
    return kept[key]
