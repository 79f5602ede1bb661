"""The graph as a network: a networkx projection of the store, and walks over it.

Nodes are persons, offices, organizations, countries and documents (keyed by IRI). Edges
are the facts between them, each keeping its fact, dates and evidence:

    holding     person -> office            nkg:OfficeHolding
    post        office -> organization/country (nkg:postIn, from the entity registry)
    statement   speaker -> each entity the statement is about (nkg:about)
    said-in     speaker -> each document reporting the statement
    aid         donor -> recipient          nkg:AidCommitment
    mentions    document -> entity          schema:mentions
    co-mention  entity -> entity named in the same documents, weight = number of documents

Co-mentions are computed here, not stored: they are a pure function of the mentions, have
no evidence of their own, grow with the square of the names per document, and must be
recounted for every date window (a stored weight could not be).

The projection is read with a fixed set of SPARQL queries (one per property, none per
node or fact) whatever the size of the store, and every list it gives is sorted, so
results do not depend on storage order. ``Projection.multigraph()`` is the networkx
MultiDiGraph of it; the walks run on ``Projection.simple()``, its undirected shadow.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

import networkx as nx

from .dates import Precision, TimeValue, parse_iso
from .errors import NotFoundError, UsageError
from .model import AidStatus
from .query import resolve_entity
from .store import GraphStore
from .vocab import NKG

__all__ = [
    "ALL_KINDS",
    "ENTITY_KINDS",
    "FACT_KINDS",
    "AidFlow",
    "AidFlowRow",
    "Centrality",
    "DateWindow",
    "Edge",
    "EdgeKind",
    "Fact",
    "FactType",
    "FlowGrouping",
    "Hop",
    "Item",
    "Neighbourhood",
    "Node",
    "NodeKind",
    "Path",
    "PathResult",
    "Projection",
    "Ranked",
    "Ranking",
    "Span",
    "Timeline",
    "TimelineEntry",
    "When",
    "aid_flow",
    "centrality",
    "load_projection",
    "neighbourhood",
    "pagerank",
    "parse_kinds",
    "shortest_paths",
    "timeline",
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


class Centrality(StrEnum):
    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    PAGERANK = "pagerank"


class FlowGrouping(StrEnum):
    YEAR = "year"
    PAIR = "pair"


K = TypeVar("K", bound=StrEnum)
ALL_KINDS = frozenset(EdgeKind)
# Edges whose every hop is a stated fact (or the registry's office -> post link).
FACT_KINDS = frozenset({EdgeKind.HOLDING, EdgeKind.POST, EdgeKind.STATEMENT, EdgeKind.SAID_IN, EdgeKind.AID})
ENTITY_KINDS = frozenset(NodeKind) - {NodeKind.DOCUMENT}
_KIND_ORDER = {kind: i for i, kind in enumerate(EdgeKind)}
_NODE_TYPES = {str(NKG[k.value.title()]): k for k in ENTITY_KINDS} | {str(NKG.Document): NodeKind.DOCUMENT}


def parse_kinds(
    text: str | None, default: frozenset[K], kind: type[K], *, option: str = "--via"
) -> frozenset[K]:
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


# --- reading the store ---------------------------------------------------------------
# Fact details come from single-pattern scans, one per property, joined here in Python: a
# fixed number of queries whatever the size of the store. In Oxigraph each SPARQL join is
# an index lookup per row, and a scan over several predicates decodes the predicate per
# row; both cost several times more than these scans.

_Q_TYPES = """SELECT ?s ?type WHERE { VALUES ?type { nkg:Person nkg:Office nkg:Organization nkg:Country
  nkg:Document nkg:OfficeHolding nkg:Statement nkg:AidCommitment } ?s a ?type }"""
_Q_LABELS = """SELECT ?s ?label WHERE { VALUES ?type { nkg:Person nkg:Office nkg:Organization nkg:Country
  nkg:Document nkg:AidItem } ?s a ?type ; rdfs:label ?label }"""
_Q_DOCUMENTS = """SELECT ?doc ?title ?issued ?publisher WHERE { ?doc a nkg:Document .
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?doc dcterms:publisher ?publisher } }"""
_Q_POSTS = "SELECT ?office ?post WHERE { ?office nkg:postIn ?post }"
_Q_MENTIONS = "SELECT ?doc ?entity WHERE { ?doc schema:mentions ?entity }"
_SINGLE = (
    "nkg:confidence", "nkg:text", "nkg:kind", "nkg:amount", "nkg:currency", "nkg:earliest", "nkg:latest",
    "nkg:asWritten", "oa:hasSource", "oa:exact", "oa:start", "oa:end", "nkg:quantity",
)  # fmt: skip
# Several values where several documents report a fact (and may disagree).
_MULTI = (
    "prov:wasDerivedFrom", "nkg:holder", "nkg:office", "nkg:speaker", "nkg:about", "nkg:donor",
    "nkg:recipient", "nkg:evidence", "nkg:item", "nkg:startValue", "nkg:endValue", "nkg:attestedValue",
    "nkg:dateValue", "nkg:method", "nkg:status", "nkg:aidType", "nkg:conflictingProperty",
    "nkg:conflictsWith",
)  # fmt: skip
_ROLES = {FactType.HOLDING: ("holder", "office"), FactType.STATEMENT: ("speaker", "about"),
          FactType.AID: ("donor", "recipient")}  # fmt: skip


def _rows(store: GraphStore, sparql: str) -> Iterator[tuple[Any, ...]]:
    """Solutions as tuples of terms (None where unbound)."""
    for solution in store.query(sparql):
        yield tuple(solution)


def _single(store: GraphStore, predicate: str) -> dict[str, str]:
    """subject -> value of a property meant to have one (the least, were it stated twice)."""
    found: dict[str, str] = {}
    for subject, value in store.query(f"SELECT ?s ?o WHERE {{ ?s {predicate} ?o }}"):
        key, text = subject.value, value.value
        if key not in found or text < found[key]:
            found[key] = text
    return found


def _multi(store: GraphStore, predicate: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for subject, value in store.query(f"SELECT ?s ?o WHERE {{ ?s {predicate} ?o }}"):
        found[subject.value].append(value.value)
    return found


def _v(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _decimal(text: str | None) -> Decimal | None:
    try:
        return None if text is None else Decimal(text)
    except InvalidOperation:
        return None


def _day(text: str | None) -> dt.date | None:
    try:
        return None if text is None else dt.date.fromisoformat(text)
    except ValueError:
        return None


def _issued(term: Any) -> When | None:
    """A document's dcterms:issued: the literal has no value node, so bounds come from its form."""
    if term is None:
        return None
    try:
        period = parse_iso(term.value)
    except ValueError:
        return When(term.value, None, None, None)
    return When(term.value, period.precision, period.earliest, period.latest)


def _pick_label(labels: list[Any]) -> str | None:
    """The Dutch label, else one without a language, else the first in order."""
    for wanted in ("nl", None):
        found = sorted(str(t.value) for t in labels if getattr(t, "language", None) == wanted)
        if found:
            return found[0]
    return min((str(t.value) for t in labels), default=None)


def _load_nodes(store: GraphStore, types: dict[str, str], labels: dict[str, list[Any]]) -> dict[str, Node]:
    documents = {d.value: (_v(t), _issued(i), _v(p)) for d, t, i, p in _rows(store, _Q_DOCUMENTS)}
    nodes: dict[str, Node] = {}
    for iri in sorted(i for i, t in types.items() if t in _NODE_TYPES):
        label = _pick_label(labels[iri]) or iri.rsplit("/", 1)[-1]
        title, issued, publisher = documents.get(iri, (None, None, None))
        nodes[iri] = Node(iri, _NODE_TYPES[types[iri]], label, title, issued, publisher)
    return nodes


class _Details:
    """Every fact property, scanned once: ``one[name][subject]`` and ``many[name][subject]``."""

    def __init__(self, store: GraphStore) -> None:
        self.one = {p.split(":")[1]: _single(store, p) for p in _SINGLE}
        self.many = {p.split(":")[1]: _multi(store, p) for p in _MULTI}

    def claims(self, fact: str, role: str) -> tuple[When, ...]:
        """A role's date claims, one per value node; literal and precision follow from the bounds."""
        get = self.one
        found = set()
        for node in self.many[role + "Value"].get(fact, ()):
            lo, hi = _day(get["earliest"].get(node)), _day(get["latest"].get(node))
            written = get["asWritten"].get(node)
            if lo is None or hi is None or lo > hi:
                found.add(When(None, None, None, None, written))
            else:
                period = TimeValue(lo, hi, written or "")
                found.add(When(period.lexical, period.precision, lo, hi, written))
        return tuple(sorted(found, key=_claim_key))

    def spans(self, fact: str) -> tuple[Span, ...]:
        get, found = self.one, set()
        for evidence in self.many["evidence"].get(fact, ()):
            parts = [get[n].get(evidence) for n in ("hasSource", "exact", "start", "end")]
            if None not in parts:
                found.add(Span(parts[0] or "", parts[1] or "", int(parts[2] or 0), int(parts[3] or 0)))
        return tuple(sorted(found, key=lambda s: (s.document, s.start, s.end)))


def _claim_key(when: When) -> tuple[Any, ...]:
    return (when.earliest is None, when.earliest or dt.date.max, when.latest or dt.date.max,
            when.value or "", when.as_written or "")  # fmt: skip


def _load_facts(store: GraphStore, types: dict[str, str], labels: dict[str, list[Any]]) -> dict[str, Fact]:
    details = _Details(store)
    one, many = details.one, details.many

    def values(name: str, iri: str) -> tuple[str, ...]:
        return tuple(sorted(set(many[name].get(iri, ()))))

    facts: dict[str, Fact] = {}
    for iri in sorted(i for i, t in types.items() if t not in _NODE_TYPES):
        fact_type = FactType(types[iri].rsplit("#", 1)[1])
        subjects, objects = _ROLES[fact_type]
        items = sorted(many["item"].get(iri, ()), key=_natural)
        quantity = [one["quantity"].get(i) for i in items]
        disputed = [p.rsplit("#", 1)[-1] for p in many["conflictingProperty"].get(iri, ())]
        disputed += ["amount"] if iri in many["conflictsWith"] else []
        facts[iri] = Fact(
            iri=iri,
            type=fact_type,
            documents=values("wasDerivedFrom", iri),
            subjects=values(subjects, iri),
            objects=values(objects, iri),
            evidence=details.spans(iri),
            start=details.claims(iri, "start"),
            end=details.claims(iri, "end"),
            attested=details.claims(iri, "attested"),
            date=details.claims(iri, "date"),
            method=", ".join(values("method", iri)) or None,
            confidence=_decimal(one["confidence"].get(iri)),
            text=one["text"].get(iri),
            speech=one["kind"].get(iri),
            amount=_decimal(one["amount"].get(iri)),
            currency=one["currency"].get(iri),
            statuses=values("status", iri),
            aid_type=min(values("aidType", iri), default=None),
            items=tuple(
                Item(_pick_label(labels[i]) or "", int(q) if q else None)
                for i, q in zip(items, quantity, strict=True)
            ),
            disputed=tuple(sorted(set(disputed))),
        )
    return facts


def _natural(iri: str) -> tuple[str, int]:
    head, _, tail = iri.rpartition("/")
    return (head, int(tail)) if tail.isdigit() else (iri, 0)


def _fact_edges(fact: Fact) -> Iterator[Edge]:
    lo, hi = fact.bounds
    when = fact.when

    def edge(source: str, target: str, kind: EdgeKind) -> Edge:
        return Edge(source, target, kind, fact, when, lo, hi)

    for subject in fact.subjects:
        if fact.type is FactType.STATEMENT:
            for document in fact.documents:
                yield edge(subject, document, EdgeKind.SAID_IN)
            kind = EdgeKind.STATEMENT
        else:
            kind = EdgeKind.HOLDING if fact.type is FactType.HOLDING else EdgeKind.AID
        for target in fact.objects:
            yield edge(subject, target, kind)


def _co_mentions(mentions: dict[str, list[str]], nodes: dict[str, Node]) -> Iterator[Edge]:
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


def load_projection(store: GraphStore, *, window: DateWindow | None = None) -> Projection:
    """Read the store into a Projection; with a window, keep only edges dated inside it.

    Undated fact edges are left out of a window (nothing says they fall inside it); office
    posts are timeless and always kept; co-mentions count only documents issued inside it.
    """
    types = {s.value: t.value for s, t in _rows(store, _Q_TYPES)}
    labels: dict[str, list[Any]] = defaultdict(list)
    for subject, label in _rows(store, _Q_LABELS):
        labels[subject.value].append(label)
    nodes = _load_nodes(store, types, labels)
    facts = _load_facts(store, types, labels)
    edges: list[Edge] = []

    def known(*iris: str) -> bool:
        return all(i in nodes for i in iris)

    for office, post in _rows(store, _Q_POSTS):
        if known(office.value, post.value):
            edges.append(Edge(office.value, post.value, EdgeKind.POST))
    for fact in facts.values():
        edges.extend(e for e in _fact_edges(fact) if known(e.source, e.target))
    mentions: dict[str, list[str]] = defaultdict(list)
    for doc, entity in _rows(store, _Q_MENTIONS):
        node = nodes.get(doc.value)
        if node is None or not known(entity.value):
            continue
        issued = node.issued or When(None, None, None, None)
        if window is None or window.overlaps(issued.earliest, issued.latest):
            mentions[doc.value].append(entity.value)
            edges.append(Edge(doc.value, entity.value, EdgeKind.MENTIONS, None, node.issued,
                              issued.earliest, issued.latest))  # fmt: skip
    edges.extend(_co_mentions(mentions, nodes))
    if window is not None:
        edges = [
            e for e in edges
            if e.kind in (EdgeKind.POST, EdgeKind.MENTIONS, EdgeKind.CO_MENTION)
            or window.overlaps(e.earliest, e.latest)
        ]  # fmt: skip
    edges.sort(key=lambda e: (e.source, e.target, *e.sort_key()))
    return Projection(nodes, facts, edges, window)


# --- walks over the network ----------------------------------------------------------


@dataclass(frozen=True)
class Neighbourhood:
    """Everything within ``depth`` hops of an entity, and the edges among it."""

    centre: Node
    depth: int
    kinds: frozenset[EdgeKind]
    window: DateWindow | None
    distance: dict[str, int]
    nodes: dict[str, Node]  # by distance, then label
    edges: list[Edge]


@dataclass(frozen=True)
class Hop:
    """One step of a path, with the edges (facts) that join its two ends, best first."""

    source: Node
    target: Node
    edges: tuple[Edge, ...]
    more: int = 0  # edges left out by the per-hop limit


@dataclass(frozen=True)
class Path:
    nodes: tuple[Node, ...]
    hops: tuple[Hop, ...]


@dataclass(frozen=True)
class PathResult:
    source: Node
    target: Node
    kinds: frozenset[EdgeKind]
    window: DateWindow | None
    paths: list[Path]


@dataclass(frozen=True)
class Ranked:
    rank: int
    node: Node
    score: float


@dataclass(frozen=True)
class Ranking:
    measure: Centrality
    kinds: frozenset[EdgeKind]
    window: DateWindow | None
    parameters: dict[str, Any]
    entries: list[Ranked]


@dataclass(frozen=True)
class TimelineEntry:
    """A fact in a person's life: an office held, a statement, aid given through an office."""

    when: When | None
    kind: str
    what: str
    detail: str
    fact: Fact


@dataclass(frozen=True)
class Timeline:
    person: Node
    window: DateWindow | None
    entries: list[TimelineEntry]


@dataclass(frozen=True)
class AidFlowRow:
    """Aid from one donor to one recipient with the same year, currency and status.

    ``total`` is None for aid in kind (no amount); ``shared`` counts commitments the donor
    made jointly with others, whose amount is counted in full under each of them;
    ``disputed`` those whose reports disagree (see ``navokg conflicts``).
    """

    donor: Node
    recipient: Node
    year: int | None
    currency: str | None
    status: str | None
    total: Decimal | None
    commitments: int
    shared: int
    disputed: int
    facts: tuple[str, ...]


@dataclass(frozen=True)
class AidFlow:
    grouping: FlowGrouping
    window: DateWindow | None
    rows: list[AidFlowRow] = field(default_factory=list)


def _iri(store: GraphStore, name: str) -> str:
    """Resolve a name before reading the projection, so a typo fails fast."""
    return str(resolve_entity(store, name).value)


def neighbourhood(
    store: GraphStore,
    name: str,
    *,
    depth: int = 1,
    kinds: frozenset[EdgeKind] = ALL_KINDS - {EdgeKind.CO_MENTION},
    window: DateWindow | None = None,
) -> Neighbourhood:
    """The entities, documents and facts within ``depth`` hops of an entity, either direction."""
    if depth < 1:
        raise UsageError(f"--depth must be 1 or more (got {depth})")
    wanted = _iri(store, name)
    projection = load_projection(store, window=window)
    centre = projection.node(wanted)
    graph = projection.simple(kinds)
    distance = dict(nx.single_source_shortest_path_length(graph, centre.iri, cutoff=depth))
    order = sorted(distance, key=lambda i: (distance[i], projection.nodes[i].label, i))
    nodes = {i: projection.nodes[i] for i in order}
    edges = [e for e in projection.select(kinds) if e.source in distance and e.target in distance]
    edges.sort(key=lambda e: (max(distance[e.source], distance[e.target]), e.source, e.target, *e.sort_key()))
    return Neighbourhood(centre, depth, kinds, window, distance, nodes, edges)


def shortest_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    kinds: frozenset[EdgeKind] = FACT_KINDS,
    window: DateWindow | None = None,
    limit: int = 10,
    facts_per_hop: int = 3,
) -> PathResult:
    """The shortest paths (up to ``limit``) between two entities, edges walked either way."""
    ends = _iri(store, source), _iri(store, target)
    projection = load_projection(store, window=window)
    start, end = projection.node(ends[0]), projection.node(ends[1])
    graph = projection.simple(kinds)
    between: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for edge in projection.select(kinds):
        between[frozenset((edge.source, edge.target))].append(edge)
    try:
        found = list(itertools.islice(nx.all_shortest_paths(graph, start.iri, end.iri), max(limit, 0)))
    except nx.NetworkXNoPath:
        found = []
    paths = []
    for iris in sorted(found):
        hops = []
        for a, b in itertools.pairwise(iris):
            edges = sorted(between[frozenset((a, b))], key=lambda e: e.sort_key())
            hops.append(Hop(projection.nodes[a], projection.nodes[b], tuple(edges[:facts_per_hop]),
                            max(len(edges) - facts_per_hop, 0)))  # fmt: skip
        paths.append(Path(tuple(projection.nodes[i] for i in iris), tuple(hops)))
    return PathResult(start, end, kinds, window, paths)


def pagerank(
    graph: nx.Graph, *, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 1000
) -> dict[str, float]:
    """PageRank of an undirected weighted graph by power iteration, in node order.

    networkx's own pagerank needs SciPy; this is the same computation (uniform teleport,
    dangling mass spread evenly) in plain Python, so results match it to ``tol``.
    """
    nodes = list(graph)
    if not nodes:
        return {}
    n = len(nodes)
    strength = {u: float(sum(w for _, _, w in graph.edges(u, data="weight", default=1))) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if not strength[u]) / n
        nxt = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, data in graph[u].items():
                    nxt[v] += share * data.get("weight", 1)
        error = sum(abs(nxt[u] - rank[u]) for u in nodes)
        rank = nxt
        if error < n * tol:
            break
    return rank


def centrality(
    store: GraphStore,
    *,
    measure: Centrality = Centrality.DEGREE,
    kinds: frozenset[EdgeKind] = FACT_KINDS - {EdgeKind.SAID_IN} | {EdgeKind.CO_MENTION},
    node_kinds: frozenset[NodeKind] = ENTITY_KINDS,
    window: DateWindow | None = None,
    top: int | None = 20,
    sample: int | None = None,
) -> Ranking:
    """Rank nodes by degree, betweenness or PageRank on the undirected graph of ``kinds``.

    Scores are normalised as networkx does; ties are broken by IRI, so the order is the
    same on every run. ``sample`` estimates betweenness from that many sources (seed 0).
    """
    projection = load_projection(store, window=window)
    full = projection.simple(kinds)
    keep = {i for i, n in projection.nodes.items() if n.kind in node_kinds}
    keep |= {i for i in full if full.degree(i)}
    graph = full.subgraph(sorted(keep)).copy()
    parameters: dict[str, Any] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    if measure is Centrality.DEGREE:
        scores = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    elif measure is Centrality.BETWEENNESS:
        k = sample if sample and sample < len(graph) else None
        scores = nx.betweenness_centrality(graph, k=k, normalized=True, seed=0 if k else None)
        parameters |= {"normalized": True, "sample": k}
    else:
        scores = pagerank(graph)
        parameters |= {"alpha": 0.85, "tol": 1e-10, "weight": "weight"}
    ranked = sorted(
        (i for i in graph if projection.nodes[i].kind in node_kinds), key=lambda i: (-round(scores[i], 12), i)
    )
    shown = ranked[:top] if top else ranked
    entries = [Ranked(r, projection.nodes[i], scores[i]) for r, i in enumerate(shown, 1)]
    return Ranking(measure, kinds, window, parameters, entries)


def _overlap(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]) -> bool:
    if a == (None, None) or b == (None, None):
        return False
    return DateWindow(*a).overlaps(*b)


def timeline(store: GraphStore, name: str, *, window: DateWindow | None = None) -> Timeline:
    """A person's offices, statements and the aid given by a state or body they served, by date.

    Aid counts as a person's when its donor is the post of an office they held at the
    aid's date and the aid's document names them: an inference, marked as such.
    """
    wanted = _iri(store, name)
    projection = load_projection(store)
    person = projection.node(wanted)
    facts = projection.facts.values()
    posts = {e.source: e.target for e in projection.select([EdgeKind.POST])}
    named_in = {e.source for e in projection.select([EdgeKind.MENTIONS]) if e.target == person.iri}
    held = [f for f in facts if f.type is FactType.HOLDING and person.iri in f.subjects]
    entries = []
    for fact in held:
        office = projection.nodes[fact.objects[0]].label if fact.objects else "?"
        claims = (("from", fact.start), ("until", fact.end), ("attested", fact.attested))
        detail = "; ".join(f"{word} {', '.join(map(_said, dates))}" for word, dates in claims if dates)
        entries.append(TimelineEntry(fact.when, "holding", office, detail, fact))
    for fact in facts:
        if fact.type is FactType.STATEMENT and person.iri in fact.subjects:
            about = ", ".join(projection.nodes[o].label for o in fact.objects if o in projection.nodes)
            detail = f"{fact.speech or 'statement'}" + (f", about {about}" if about else "")
            entries.append(TimelineEntry(fact.when, "statement", fact.text or "", detail, fact))
        elif fact.type is FactType.AID and named_in.intersection(fact.documents):
            via = next((h for h in held if posts.get(h.objects[0] if h.objects else "") in fact.subjects
                        and _overlap(h.bounds, fact.bounds)), None)  # fmt: skip
            if via is not None:
                office = projection.nodes[via.objects[0]].label
                entries.append(TimelineEntry(fact.when, "aid", _aid_summary(fact, projection),
                                             f"via office: {office}", fact))  # fmt: skip
    if window is not None:
        entries = [e for e in entries if window.overlaps(*e.fact.bounds)]
    entries.sort(key=_timeline_key)
    return Timeline(person, window, entries)


def _said(when: When) -> str:
    return when.value or f"“{when.as_written}”"


def _timeline_key(entry: TimelineEntry) -> tuple[Any, ...]:
    when = entry.when
    lo = when.earliest if when and when.earliest else dt.date.max
    hi = when.latest if when and when.latest else dt.date.max
    return (lo, hi, ("holding", "statement", "aid").index(entry.kind), entry.fact.iri)


def _aid_summary(fact: Fact, projection: Projection) -> str:
    recipient = ", ".join(projection.nodes[o].label for o in fact.objects if o in projection.nodes)
    what = f"{fact.amount:f} {fact.currency or ''}".strip() if fact.amount is not None else ""
    items = "; ".join(f"{i.quantity} {i.label}" if i.quantity else i.label for i in fact.items)
    return f"to {recipient}" + (f": {' '.join(p for p in (what, items) if p)}" if what or items else "")


def aid_flow(
    store: GraphStore,
    *,
    donor: str | None = None,
    recipient: str | None = None,
    grouping: FlowGrouping = FlowGrouping.YEAR,
    window: DateWindow | None = None,
) -> AidFlow:
    """Aid totals per donor -> recipient (and year), never adding across currency or status.

    Each commitment counts once however many documents report it, under the furthest
    status any report gives it and in the year of its earliest date (None where no text
    dates it), as aid trackers count. A pledge and its delivery are different commitments
    with different statuses, so they stay on separate rows; aid in kind (no amount) gets
    its own rows with no total; ``disputed`` counts commitments reports disagree about.
    """
    wanted_donor = _iri(store, donor) if donor else None
    wanted_recipient = _iri(store, recipient) if recipient else None
    projection = load_projection(store)
    groups: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for fact in projection.facts.values():
        if fact.type is not FactType.AID or (window and not window.overlaps(*fact.bounds)):
            continue
        first = _lowest(fact.date)
        year = first.year if first else None
        for giver in fact.subjects:
            for receiver in fact.objects:
                if wanted_donor not in (None, giver) or wanted_recipient not in (None, receiver):
                    continue
                key = (giver, receiver, year if grouping is FlowGrouping.YEAR else None,
                       fact.currency, fact.status, fact.amount is not None)  # fmt: skip
                groups[key].append(fact)
    rows = []
    for (giver, receiver, year, currency, status, has_amount), members in groups.items():
        total = sum((f.amount for f in members if f.amount is not None), Decimal(0)) if has_amount else None
        shared = sum(len(f.subjects) > 1 for f in members)
        disputed = sum(bool(f.disputed) for f in members)
        facts = tuple(sorted(f.iri for f in members))
        rows.append(AidFlowRow(projection.node(giver), projection.node(receiver), year, currency, status,
                               total, len(members), shared, disputed, facts))  # fmt: skip
    rows.sort(key=_flow_key)
    return AidFlow(grouping, window, rows)


def _flow_key(row: AidFlowRow) -> tuple[Any, ...]:
    return (row.donor.label, row.donor.iri, row.recipient.label, row.recipient.iri, row.year is None,
            row.year or 0, row.total is None, row.currency or "", row.status or "")  # fmt: skip
