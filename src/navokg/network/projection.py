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
from enum import StrEnum
from typing import Any, TypeVar

import networkx as nx

from navokg.dutch.dates import parse_iso
from navokg.errors import NotFoundError, UsageError
from navokg.read.facts import Fact, FactType, Item, When

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


K = TypeVar("K", bound=StrEnum)
ALL_KINDS = frozenset(EdgeKind)
# Edges whose every hop is a stated fact (or the registry's office -> post link).
FACT_KINDS = frozenset({EdgeKind.HOLDING, EdgeKind.POST, EdgeKind.STATEMENT, EdgeKind.SAID_IN, EdgeKind.AID})
ENTITY_KINDS = frozenset(NodeKind) - {NodeKind.DOCUMENT}
_KIND_ORDER = {kind: i for i, kind in enumerate(EdgeKind)}


def parse_kinds(text: str | None, default: frozenset[K], kind: type[K], *, parameter: str = "via") -> frozenset[K]:
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
            raise UsageError(f"unknown kind '{name}'; use any of {choices}, or all", parameter=parameter) from None
    return frozenset(found)


def _day(text: str, parameter: str) -> Any:
    try:
        return parse_iso(text)
    except ValueError as exc:
        raise UsageError(str(exc), parameter=parameter) from None


@dataclass(frozen=True)
class DateWindow:
    """A closed range of days; an edge is inside when its date bounds overlap it."""

    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def parse(cls, start: str | None, end: str | None) -> DateWindow | None:
        """``from`` and ``to`` (YYYY, YYYY-MM or YYYY-MM-DD): the first and last day they name."""
        if not start and not end:
            return None
        lo = _day(start, "from").earliest if start else None
        hi = _day(end, "to").latest if end else None
        if lo and hi and lo > hi:
            raise UsageError(f"{start} is after the end of the window, {end}", parameter="from")
        return cls(lo, hi)

    def overlaps(self, earliest: dt.date | None, latest: dt.date | None) -> bool:
        """Whether a period may touch the window; an undated period may not."""
        if earliest is None and latest is None:
            return False
        return (earliest is None or self.end is None or earliest <= self.end) and (
            latest is None or self.start is None or latest >= self.start
        )


@dataclass(frozen=True)
class Node:
    iri: str
    kind: NodeKind
    label: str
    title: str | None = None
    issued: When | None = None
    publisher: str | None = None


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
    unread: str | None = None  # the fact's IRI when the fact itself was not read

    @property
    def fact_iri(self) -> str | None:
        """The fact the edge stands for, read or not (None: a mention, post or co-mention)."""
        return self.fact.iri if self.fact else self.unread

    @property
    def id(self) -> str:
        """Unique and stable: kind, ends and fact."""
        parts = [self.kind.value, self.source, self.target]
        fact = self.fact_iri
        return " ".join([*parts, fact] if fact else parts)

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
