"""Cite a fact: a human citation, and a self-contained RDF bundle of the fact.

The bundle follows nanopublications: four named graphs in one TriG document, a *head*
naming the other three, the *assertion* (the fact's own triples), the *provenance*
(the documents it is derived from, with title, publisher and date, and every evidence
node with its exact words and offsets) and the *publication info* (which navokg
build made the bundle).  Everything needed to check the fact travels with it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox

from navokg import __version__
from navokg.errors import NotFoundError
from navokg.model import Evidence
from navokg.read.facts import DocumentInfo, FactType, read_documents, read_facts, read_labels
from navokg.store import Queryable
from navokg.vocab import DCTERMS, ID_BASE, PROV, RDF, RDF_PREFIXES, expand_iri, term

__all__ = ["Citation", "bundle", "citation"]

NP = "http://www.nanopub.org/nschema#"


@dataclass(frozen=True)
class Source:
    document: str
    label: str | None  # what the document is called (its title, headline, or publisher and date)
    title: str | None
    publisher: str | None
    author: str | None
    issued: str | None
    url: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Citation:
    """A fact as a researcher cites it."""

    fact: str
    kind: str
    label: str
    who: str
    when: str | None
    words: str | None
    sources: tuple[Source, ...]

    def text(self) -> str:
        """One paragraph per source: who, when, what, where, and the exact words."""
        when = f", {self.when}" if self.when else ""
        what = f": ‘{self.words}’" if self.words else f": {self.label}"
        lines = [f"{self.who}{when}{what}"]
        for s in self.sources:
            name = f"“{s.title}”" if s.title else s.label or ""
            # An untitled document is named by its publisher and date: say them once.
            parts = [p for p in (s.author, name, s.publisher, s.issued) if p and (p == name or p not in name)]
            where = ", ".join(parts) if parts else s.document.rsplit("/", 1)[-1]
            url = f" {s.url}" if s.url else ""
            spans = "; ".join(f"“{' '.join(e.exact.split())}” (characters {e.start}–{e.end})" for e in s.evidence)
            stop = "" if where.endswith(("…", ".", "?", "!")) else "."
            lines.append(f"  In: {where}{stop}{url} Evidence: {spans}. Document <{s.document}>.")
        lines.append(f"  Fact <{self.fact}>, navokg {__version__}.")
        return "\n".join(lines) + "\n"


def citation(graph: Queryable, fact: str) -> Citation:
    """Gather what a citation of ``fact`` (IRI or prefixed name) needs from the graph."""
    fact = expand_iri(fact)
    found = read_facts(graph, [fact]).get(fact)
    if found is None:
        raise NotFoundError(f"no fact <{fact}> in the graph; find facts with navokg search or navokg query")
    names = read_labels(graph, found.subjects)
    who = ", ".join(sorted({names[s].text for s in found.subjects if s in names}))
    claims = found.start if found.type is FactType.HOLDING else found.date
    when = ", ".join(sorted({w.value for w in claims if w.value}))
    documents = read_documents(graph, found.documents)
    sources = []
    for document in found.documents:
        info = documents.get(document) or DocumentInfo(document)
        evidence = tuple(sorted(found.reported_in(document)[1], key=lambda e: (e.start, e.end)))
        sources.append(
            Source(document, info.label, info.title, info.publisher, info.creator, info.issued, info.url, evidence)
        )
    label = found.label or fact
    return Citation(fact, found.type.value, label, who, when or None, found.text, tuple(sources))


def _triples(graph: Queryable, construct: str) -> list[ox.Triple]:
    return sorted(graph.query(construct), key=str)


def bundle(graph: Queryable, fact: str) -> bytes:
    """The fact as a nanopublication in TriG: head, assertion, provenance, publication info."""
    fact = citation(graph, fact).fact  # NotFoundError for an unknown fact
    base = f"{ID_BASE}cite/{hashlib.sha256(fact.encode()).hexdigest()[:16]}"
    head, assertion, provenance, info = (term(f"{base}#{n}") for n in ("Head", "assertion", "provenance", "pubinfo"))
    nanopub = term(base)
    quads = [
        ox.Quad(nanopub, term(RDF.type), term(NP + "Nanopublication"), head),
        ox.Quad(nanopub, term(NP + "hasAssertion"), assertion, head),
        ox.Quad(nanopub, term(NP + "hasProvenance"), provenance, head),
        ox.Quad(nanopub, term(NP + "hasPublicationInfo"), info, head),
    ]
    # The assertion: the fact's own triples and the nodes that belong to it (dates, items).
    for t in _triples(
        graph,
        f"""CONSTRUCT {{ <{fact}> ?p ?o . ?o ?q ?r }} WHERE {{
              <{fact}> ?p ?o .
              FILTER (?p NOT IN (nkg:evidence, prov:wasDerivedFrom, nkg:method, nkg:confidence, nkg:matchKey,
                                 nkg:reportCount, nkg:conflictingProperty, nkg:conflictsWith))
              OPTIONAL {{ ?o ?q ?r FILTER (STRSTARTS(STR(?o), "{fact}/")) }} }}""",
    ):
        quads.append(ox.Quad(t.subject, t.predicate, t.object, assertion))
    # The provenance: documents, evidence with exact words and offsets, how it was made.
    for t in _triples(
        graph,
        f"""CONSTRUCT {{ <{fact}> prov:wasDerivedFrom ?d ; nkg:evidence ?e ; nkg:method ?m ;
                          nkg:confidence ?c ; nkg:reportCount ?n .
                          ?e ?ep ?eo . ?d ?dp ?do }}
            WHERE {{
              <{fact}> prov:wasDerivedFrom ?d ; nkg:evidence ?e ; nkg:method ?m .
              OPTIONAL {{ <{fact}> nkg:confidence ?c }}
              OPTIONAL {{ <{fact}> nkg:reportCount ?n }}
              ?e ?ep ?eo .
              ?d ?dp ?do FILTER (?dp IN (rdf:type, rdfs:label, dcterms:title, dcterms:issued,
                                         dcterms:publisher, dcterms:creator, schema:url, nkg:sha256)) }}""",
    ):
        quads.append(ox.Quad(t.subject, t.predicate, t.object, provenance))
    quads.append(ox.Quad(assertion, term(PROV.wasDerivedFrom), term(fact), provenance))
    # The publication info: which software made the bundle. No clock time: the same store
    # gives the same bundle, byte for byte.
    quads.append(ox.Quad(nanopub, term(PROV.wasGeneratedBy), ox.Literal(f"navokg {__version__}"), info))
    quads.append(ox.Quad(nanopub, term(DCTERMS.subject), term(fact), info))
    prefixes = {**RDF_PREFIXES, "np": NP}
    order = {head.value: 0, assertion.value: 1, provenance.value: 2, info.value: 3}
    quads.sort(key=lambda q: (order[str(getattr(q.graph_name, "value", ""))], str(q)))
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    assert data is not None
    return data
