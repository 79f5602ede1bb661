"""The network's parts: nodes, facts, the edges they make, and the projection that holds them.

Everything here is plain data (frozen dataclasses, enums, dates, decimals) so that a
projection can be cached on disk and read back equal (``cache.py``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

import networkx as nx

from navokg.dutch.dates import Precision, parse_iso
from navokg.errors import NotFoundError, UsageError
from navokg.model import AidStatus

__all__ = [
    "ALL_KINDS",
    "ENTITY_KINDS",
    "FACT_KINDS",
    "DateWindow",
    "Edge",
    "EdgeKind",
    "Fact",
    "FactType",
    "Item",
    "Node",
    "NodeKind",
    "Projection",
    "Span",
    "When",
    "parse_kinds",
]


class NodeKind(StrEnum):
    PERSON = "person"
    OFFICE = "office"
    ORGANIZATION = "organization"
    COUNTRY = "country"
    DOCUMENT = "document"


class EdgeKind(StrEnum):
    HOLDING = "holding"
    POST = "post"
    STATEMENT = "statement"
    SAID_IN = "said-in"
    AID = "aid"
    MENTIONS = "mentions"
    CO_MENTION = "co-mention"


class FactType(StrEnum):
    HOLDING = "OfficeHolding"
    STATEMENT = "Statement"
    AID = "AidCommitment"


K = TypeVar("K", bound=StrEnum)
ALL_KINDS = frozenset(EdgeKind)
# Edges whose every hop is a stated fact (or the registry's office -> post link).
FACT_KINDS = frozenset({EdgeKind.HOLDING, EdgeKind.POST, EdgeKind.STATEMENT, EdgeKind.SAID_IN, EdgeKind.AID})
ENTITY_KINDS = frozenset(NodeKind) - {NodeKind.DOCUMENT}
_KIND_ORDER = {kind: i for i, kind in enumerate(EdgeKind)}


def parse_kinds(text: str | None, default: frozenset[K], kind: type[K], *, option: str = "--via") -> frozenset[K]:
    """Kinds from "holding,aid" (or "all"); an unknown name is a usage error naming the choices."""
    if not text:
        return default
    if text.strip() == "all":
        return frozenset(kind)
    found: set[K] = set()
    for name in (n.strip() for n in text.split(",") if n.strip()):
        try:
            found.add(kind(name))
        except ValueError:
            choices = ", ".join(k.value for k in kind)
            raise UsageError(f"{option}: unknown kind '{name}'; use any of {choices}, or all") from None
    return frozenset(found)


@dataclass(frozen=True)
class When:
    """A date as the graph gives it: the literal (and so its precision) and its bounds."""

    value: str | None
    precision: Precision | None
    earliest: dt.date | None
    latest: dt.date | None
    as_written: str | None = None

    @property
    def said(self) -> str:
        """The literal, else the text's own words quoted (“dinsdag”): how a claim reads."""
        return self.value or f"“{self.as_written}”"


@dataclass(frozen=True)
class DateWindow:
    """A closed range of days; an edge is inside when its date bounds overlap it."""

    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def parse(cls, start: str | None, end: str | None) -> DateWindow | None:
        """--from/--to values (YYYY, YYYY-MM or YYYY-MM-DD): the first and last day they name."""
        if not start and not end:
            return None
        try:
            lo = parse_iso(start).earliest if start else None
            hi = parse_iso(end).latest if end else None
        except ValueError as exc:
            raise UsageError(f"--from/--to: {exc}") from None
        if lo and hi and lo > hi:
            raise UsageError(f"--from {start} is after --to {end}")
        return cls(lo, hi)

    def overlaps(self, earliest: dt.date | None, latest: dt.date | None) -> bool:
        """Whether a period may touch the window; an undated period may not."""
        if earliest is None and latest is None:
            return False
        return (earliest is None or self.end is None or earliest <= self.end) and (
            latest is None or self.start is None or latest >= self.start
        )


@dataclass(frozen=True)
class Span:
    """Evidence: the exact words at code-point offsets [start, end) of a document's body."""

    document: str
    exact: str
    start: int
    end: int


@dataclass(frozen=True)
class Item:
    label: str
    quantity: int | None


@dataclass(frozen=True)
class Node:
    iri: str
    kind: NodeKind
    label: str
    title: str | None = None
    issued: When | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Fact:
    """One fact with what a network needs of it: parties, dates, evidence, details.

    A fact reported by several documents has each of them in ``documents`` and each
    report's date claims (sorted, earliest first) in ``start``, ``end``, ``attested`` and
    ``date``; ``disputed`` names the properties reports disagree on.
    """

    iri: str
    type: FactType
    documents: tuple[str, ...]
    subjects: tuple[str, ...]  # holder, speakers or donors
    objects: tuple[str, ...]  # office, what a statement is about, or the recipient
    evidence: tuple[Span, ...]
    start: tuple[When, ...] = ()
    end: tuple[When, ...] = ()
    attested: tuple[When, ...] = ()
    date: tuple[When, ...] = ()
    method: str | None = None
    confidence: Decimal | None = None
    text: str | None = None
    speech: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    statuses: tuple[str, ...] = ()
    aid_type: str | None = None
    items: tuple[Item, ...] = ()
    disputed: tuple[str, ...] = ()

    @property
    def when(self) -> When | None:
        """Where a fact is placed: its earliest date, else start, attestation or end claim.

        A resolved claim of any role comes before an unresolved one ("dinsdag" without a
        reference), which is given only when nothing else is.
        """
        claims = (*self.date, *self.start, *self.attested, *self.end)
        return next((w for w in claims if w.earliest), claims[0] if claims else None)

    @property
    def status(self) -> str | None:
        """The furthest status any report gives (planned < announced < … < delivered)."""
        return max(self.statuses, key=_status_rank, default=None)

    @property
    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """The period the fact may cover, over every report's claims.

        A holding runs from its earliest start (else earliest attestation) to its latest
        end; with no end known it is open, unless it is only attested, then it runs to
        the last attestation. Unresolved claims ("dinsdag" without a reference) add nothing.
        """
        if self.type is not FactType.HOLDING:
            return _lowest(self.date), _highest(self.date)
        lo = _lowest(self.start) or _lowest(self.attested)
        hi = _highest(self.end)
        if hi is None and _lowest(self.start) is None:
            hi = _highest(self.attested)
        return lo, hi


def _lowest(claims: tuple[When, ...]) -> dt.date | None:
    return min((w.earliest for w in claims if w.earliest), default=None)


def _highest(claims: tuple[When, ...]) -> dt.date | None:
    return max((w.latest for w in claims if w.latest), default=None)


_STATUS_ORDER = {status.value: rank for rank, status in enumerate(AidStatus, 1)}


def _status_rank(status: str) -> tuple[int, str]:
    return (_STATUS_ORDER.get(status, 0), status)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    fact: Fact | None = None
    when: When | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    weight: int = 1

    @property
    def id(self) -> str:
        """Unique and stable: kind, ends and fact."""
        parts = [self.kind.value, self.source, self.target]
        return " ".join([*parts, self.fact.iri] if self.fact else parts)

    def sort_key(self) -> tuple[Any, ...]:
        lo = self.earliest or dt.date.max
        return (_KIND_ORDER[self.kind], lo, self.latest or dt.date.max, self.id)


@dataclass
class Projection:
    """The store as a network: nodes, facts and the edges they make, sorted."""

    nodes: dict[str, Node]
    facts: dict[str, Fact]
    edges: list[Edge]
    window: DateWindow | None = None

    def node(self, iri: str) -> Node:
        try:
            return self.nodes[iri]
        except KeyError:
            raise NotFoundError(f"<{iri}> is no person, office, organization, country or document") from None

    def select(self, kinds: Iterable[EdgeKind]) -> list[Edge]:
        wanted = frozenset(kinds)
        return [e for e in self.edges if e.kind in wanted]

    def multigraph(self, kinds: Iterable[EdgeKind] = ALL_KINDS) -> nx.MultiDiGraph:
        """Every edge as it is; node data {"node": Node}, edge data {"edge": Edge}."""
        graph = nx.MultiDiGraph()
        for iri, node in self.nodes.items():
            graph.add_node(iri, node=node)
        for edge in self.select(kinds):
            graph.add_edge(edge.source, edge.target, key=edge.id, edge=edge)
        return graph

    def simple(self, kinds: Iterable[EdgeKind]) -> nx.Graph:
        """Undirected, parallel edges merged; weight = number of facts (documents for co-mentions)."""
        graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        for edge in self.select(kinds):
            if edge.source == edge.target:
                continue
            if graph.has_edge(edge.source, edge.target):
                graph[edge.source][edge.target]["weight"] += edge.weight
            else:
                graph.add_edge(edge.source, edge.target, weight=edge.weight)
        return graph

    def within(self, window: DateWindow | None) -> Projection:
        """The whole projection seen through a date window (itself when there is none).

        Fact edges stay when their bounds may overlap the window; undated ones go (nothing
        says they fall inside it). Office posts are timeless and always stay. Mentions count
        only documents issued inside the window, so co-mentions are recounted from those.
        """
        if window is None:
            return self
        edges: list[Edge] = []
        mentions: dict[str, list[str]] = defaultdict(list)
        for edge in self.edges:
            if edge.kind is EdgeKind.POST:
                edges.append(edge)
            elif edge.kind is not EdgeKind.CO_MENTION and window.overlaps(edge.earliest, edge.latest):
                edges.append(edge)
                if edge.kind is EdgeKind.MENTIONS:
                    mentions[edge.source].append(edge.target)
        edges.extend(co_mentions(mentions, self.nodes))
        edges.sort(key=edge_order)
        return Projection(self.nodes, self.facts, edges, window)


def edge_order(edge: Edge) -> tuple[Any, ...]:
    """The order of a projection's edges: by source and target, then as ``Edge.sort_key``."""
    return (edge.source, edge.target, *edge.sort_key())


def co_mentions(mentions: dict[str, list[str]], nodes: dict[str, Node]) -> Iterator[Edge]:
    """One edge per pair of entities named together, from the smaller IRI to the larger."""
    pairs: dict[tuple[str, str], list[When]] = defaultdict(list)
    for doc, entities in mentions.items():
        when = nodes[doc].issued or When(None, None, None, None)
        for pair in itertools.combinations(sorted(set(entities)), 2):
            pairs[pair].append(when)
    for (a, b), dates in sorted(pairs.items()):
        lo = min((w.earliest for w in dates if w.earliest), default=None)
        hi = max((w.latest for w in dates if w.latest), default=None)
        yield Edge(a, b, EdgeKind.CO_MENTION, None, None, lo, hi, weight=len(dates))
