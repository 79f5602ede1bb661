"""Reading the store into a Projection, with a fixed number of single-pattern queries.

Fact details come from single-pattern scans, one per property, joined here in Python: a
fixed number of queries whatever the size of the store. In Oxigraph each SPARQL join is
an index lookup per row, and a scan over several predicates decodes the predicate per
row; both cost several times more than these scans. Every list is sorted, so results do
not depend on storage order.

Reading takes seconds on a large store, so ``load_projection`` keeps the result beside
the store's generation (``cache.py``) and later commands read that instead.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from navokg.dutch.dates import TimeValue, parse_iso
from navokg.network.cache import read_cache, write_cache
from navokg.network.projection import (
    ENTITY_KINDS,
    DateWindow,
    Edge,
    EdgeKind,
    Fact,
    FactType,
    Item,
    Node,
    NodeKind,
    Projection,
    Span,
    When,
    co_mentions,
    edge_order,
)
from navokg.read.query import resolve_entity
from navokg.store import GraphStore
from navokg.vocab import NKG

__all__ = ["load_projection", "read_projection", "resolve_iri"]

_NODE_TYPES = {str(NKG[k.value.title()]): k for k in ENTITY_KINDS} | {str(NKG.Document): NodeKind.DOCUMENT}
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
    "nkg:text", "nkg:kind", "nkg:amount", "nkg:currency", "nkg:earliest", "nkg:latest",
    "nkg:asWritten", "oa:hasSource", "oa:exact", "oa:start", "oa:end", "nkg:quantity",
)  # fmt: skip
# Several values where several documents report a fact (and may disagree); a fact found
# automatically in several documents has each report's confidence.
_MULTI = (
    "nkg:confidence", "prov:wasDerivedFrom", "nkg:holder", "nkg:office", "nkg:speaker", "nkg:about", "nkg:donor",
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
            confidence=max(filter(None, map(_decimal, many["confidence"].get(iri, ()))), default=None),
            text=one["text"].get(iri),
            speech=one["kind"].get(iri),
            amount=_decimal(one["amount"].get(iri)),
            currency=one["currency"].get(iri),
            statuses=values("status", iri),
            aid_type=min(values("aidType", iri), default=None),
            items=tuple(
                Item(_pick_label(labels[i]) or "", int(q) if q else None) for i, q in zip(items, quantity, strict=True)
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


def read_projection(store: GraphStore) -> Projection:
    """Read the whole store into a Projection, without the cache."""
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
        mentions[doc.value].append(entity.value)
        edges.append(Edge(doc.value, entity.value, EdgeKind.MENTIONS, None, node.issued,
                          issued.earliest, issued.latest))  # fmt: skip
    edges.extend(co_mentions(mentions, nodes))
    edges.sort(key=edge_order)
    return Projection(nodes, facts, edges)


def load_projection(store: GraphStore, *, window: DateWindow | None = None) -> Projection:
    """The store as a Projection; with a window, only what may fall inside it (``Projection.within``).

    The whole projection is read from the generation's cache when it has a sound one, else
    from the store, and then saved there for the next command (silently skipped where the
    store cannot be written).
    """
    projection = read_cache(store)
    if projection is None:
        projection = read_projection(store)
        write_cache(store, projection)
    return projection.within(window)


def resolve_iri(store: GraphStore, name: str) -> str:
    """The IRI of a named entity, resolved before the projection is read so a typo fails fast."""
    return str(resolve_entity(store, name).value)
