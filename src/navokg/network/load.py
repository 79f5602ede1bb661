"""Reading the store into a Projection: the facts through ``navokg.read.facts``, and the nodes.

Every list is sorted, so results do not depend on storage order. Reading takes seconds
on a large store, so ``load_projection`` keeps the result beside the store's generation
(``cache.py``) and later commands read that instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from navokg.network.cache import read_cache, write_cache
from navokg.network.projection import (
    ENTITY_KINDS,
    DateWindow,
    Edge,
    EdgeKind,
    Fact,
    FactType,
    Node,
    NodeKind,
    Projection,
    When,
    co_mentions,
    edge_order,
)
from navokg.read.facts import issued_when, pick_label, read_all_facts
from navokg.read.resolve import resolve
from navokg.store import GraphStore
from navokg.vocab import NKG

__all__ = ["load_projection", "read_projection", "resolve_iri"]

_NODE_TYPES = {str(NKG[k.value.title()]): k for k in ENTITY_KINDS} | {str(NKG.Document): NodeKind.DOCUMENT}
_Q_TYPES = """SELECT ?s ?type WHERE { VALUES ?type { nkg:Person nkg:Office nkg:Organization nkg:Country
  nkg:Document } ?s a ?type }"""
_Q_LABELS = """SELECT ?s ?label WHERE { VALUES ?type { nkg:Person nkg:Office nkg:Organization nkg:Country
  nkg:Document } ?s a ?type ; rdfs:label ?label }"""
_Q_DOCUMENTS = """SELECT ?doc ?title ?issued ?publisher WHERE { ?doc a nkg:Document .
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?doc dcterms:publisher ?publisher } }"""
_Q_POSTS = "SELECT ?office ?post WHERE { ?office nkg:postIn ?post }"
_Q_MENTIONS = "SELECT ?doc ?entity WHERE { ?doc schema:mentions ?entity }"


def _rows(store: GraphStore, sparql: str) -> Iterator[tuple[Any, ...]]:
    """Solutions as tuples of terms (None where unbound)."""
    for solution in store.query(sparql):
        yield tuple(solution)


def _v(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _load_nodes(store: GraphStore) -> dict[str, Node]:
    types = {s.value: t.value for s, t in _rows(store, _Q_TYPES)}
    labels: dict[str, list[Any]] = defaultdict(list)
    for subject, label in _rows(store, _Q_LABELS):
        labels[subject.value].append(label)
    documents = {d.value: (_v(t), issued_when(_v(i)), _v(p)) for d, t, i, p in _rows(store, _Q_DOCUMENTS)}
    nodes: dict[str, Node] = {}
    for iri in sorted(types):
        picked = pick_label(labels[iri])
        label = picked[0] if picked else iri.rsplit("/", 1)[-1]
        title, issued, publisher = documents.get(iri, (None, None, None))
        nodes[iri] = Node(iri, _NODE_TYPES[types[iri]], label, title, issued, publisher)
    return nodes


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
    nodes = _load_nodes(store)
    facts = read_all_facts(store)
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
    return resolve(store, name)
