"""Facts -> quads under the contract's IRIs, one named graph per document.

Every IRI is derived from content (document id, evidence offsets, the parties and
values of a fact), never from counters or dict order, so the same inputs always give
the same quads.  Nodes that belong to a fact (its dates, items) get IRIs under the
fact's own IRI rather than blank nodes, so that exports are byte-stable.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from navokg.dutch.dates import TimeValue
from navokg.model import (
    SEPARATE,
    AidCommitment,
    DocumentFacts,
    Duration,
    EntityKind,
    Evidence,
    OfficeHolding,
    ReportedFact,
    Statement,
)
from navokg.sources.documents import Document
from navokg.sources.entities import Registry
from navokg.vocab import (
    CLAIM_LINKS,
    DCTERMS,
    ENTITIES_GRAPH,
    NKG,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    doc_graph_iri,
    doc_iri,
    fact_iri,
    term,
)

__all__ = [
    "CLASS_OF",
    "DocumentGraphs",
    "document_quads",
    "entity_quads",
    "evidence_iri",
    "fact_iri_of",
    "time_literal",
]

CLASS_OF: dict[EntityKind, str] = {
    EntityKind.PERSON: NKG.Person,
    EntityKind.ORGANIZATION: NKG.Organization,
    EntityKind.COUNTRY: NKG.Country,
    EntityKind.OFFICE: NKG.Office,
}
_FACT_PATH = {OfficeHolding: "holding", Statement: "statement", AidCommitment: "aid"}

_T = term
_A = _T(RDF.type)


def _nl(text: str) -> ox.Literal:
    return ox.Literal(text, language="nl")


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=_T(datatype))


def time_literal(value: TimeValue) -> ox.Literal | None:
    """The contract's date literal for a period: xsd:date, xsd:gYearMonth or xsd:gYear."""
    if value.lexical is None or value.precision is None:
        return None
    return _typed(value.lexical, str(XSD) + value.precision.xsd)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def words_of(text: str) -> str:
    """Words as the graph keeps them, and as reports must share them to be one fact.

    Spacing, the kind of apostrophe and a closing full stop, comma or colon vary between
    reports of the same words; nothing else is changed. The match key uses exactly
    these words, so every report of one fact gives it the same ``nkg:text``.
    """
    spaced = " ".join(unicodedata.normalize("NFC", text).translate(_APOSTROPHES).split())
    return spaced.rstrip(".,;: ") or spaced


def match_key(fact: ReportedFact, doc_id: str) -> str:
    """What makes two reports report the same fact, in words a researcher can read.

    An office holding is a holder and an office; a statement is its speakers, its kind
    and its words; an aid commitment is its donors, recipient, amount and currency (or,
    without an amount, its items). Dates, statuses and the words around them may differ
    between reports: they are kept per report and compared for conflicts, not matched.
    """
    if fact.merge == SEPARATE:
        return f"{match_key(replace(fact, merge=None), doc_id)}|only in {doc_id}"
    if isinstance(fact, OfficeHolding):
        return f"holding|holder={fact.holder}|office={fact.office}"
    if isinstance(fact, Statement):
        speakers = ",".join(sorted(fact.speakers))
        return f"statement|speakers={speakers}|kind={fact.kind.value}|text={words_of(fact.text)}"
    donors = ",".join(sorted(fact.donors))
    if fact.amount is not None:
        return f"aid|donors={donors}|recipient={fact.recipient}|amount={fact.amount}|currency={fact.currency}"
    items = ";".join(sorted(f"{words_of(i.label)}:{i.quantity}" for i in fact.items))
    if items:
        return f"aid|donors={donors}|recipient={fact.recipient}|items={items}"
    # Nothing but the parties: only the words of this report say which aid it is.
    evidence = ",".join(f"{e.start}-{e.end}" for e in fact.evidence)
    return f"aid|donors={donors}|recipient={fact.recipient}|only in {doc_id} at {evidence}"


def _digest(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def fact_iri_of(fact: ReportedFact, doc_id: str) -> str:
    """The fact's IRI: a digest of its match key, so every report of it gets the same one."""
    if fact.merge not in (None, SEPARATE):
        return str(fact.merge)
    return fact_iri(_FACT_PATH[type(fact)], _digest(match_key(fact, doc_id)))


def evidence_iri(evidence: Evidence) -> str:
    return fact_iri("evidence", f"{doc_iri(evidence.document).rsplit('/', 1)[1]}/{evidence.start}-{evidence.end}")


def _time_quads(
    subject: ox.NamedNode,
    prop: str | None,
    value_prop: str,
    value: TimeValue,
    node_iri: str,
    g: ox.NamedNode,
    evidence: tuple[Evidence, ...] = (),
) -> Iterator[ox.Quad]:
    literal = time_literal(value) if prop is not None else None
    if literal is not None:
        yield ox.Quad(subject, _T(prop), literal, g)
    node = _T(node_iri)
    yield ox.Quad(subject, _T(value_prop), node, g)
    yield ox.Quad(node, _A, _T(NKG.TimeValue), g)
    if value.earliest is not None and value.latest is not None:
        yield ox.Quad(node, _T(NKG.earliest), _typed(value.earliest.isoformat(), XSD.date), g)
        yield ox.Quad(node, _T(NKG.latest), _typed(value.latest.isoformat(), XSD.date), g)
    yield ox.Quad(node, _T(NKG.asWritten), _nl(value.as_written), g)
    # The claim's own words: a date claim points to the evidence of the report making it.
    for ev in evidence:
        yield ox.Quad(node, _T(NKG.evidence), _T(evidence_iri(ev)), g)


def _duration_quads(
    subject: ox.NamedNode, fact_iri: str, duration: Duration, doc_id: str, g: ox.NamedNode,
    evidence: tuple[Evidence, ...],
) -> Iterator[ox.Quad]:  # fmt: skip
    node = _T(f"{fact_iri}/duration/{_digest(f'{doc_id}|{duration.min_days}|{duration.max_days}', 8)}")
    yield ox.Quad(subject, _T(NKG.durationValue), node, g)
    yield ox.Quad(node, _A, _T(NKG.Duration), g)
    yield ox.Quad(node, _T(NKG.minDays), _typed(str(duration.min_days), XSD.integer), g)
    if duration.max_days is not None:
        yield ox.Quad(node, _T(NKG.maxDays), _typed(str(duration.max_days), XSD.integer), g)
    yield ox.Quad(node, _T(NKG.asWritten), _nl(duration.as_written), g)
    for ev in evidence:
        yield ox.Quad(node, _T(NKG.evidence), _T(evidence_iri(ev)), g)


def _succession_quads(
    subject: ox.NamedNode, fact_iri: str, fact: OfficeHolding, registry: Registry, doc_id: str, g: ox.NamedNode
) -> Iterator[ox.Quad]:
    """``nkg:replaces``: this holding followed the predecessor's holding of the same office.

    The link itself is shared by every report of it (facts graph); the claim node, with
    the words of this document's report, is the document's own.
    """
    assert fact.predecessor is not None
    before = replace(fact, holder=fact.predecessor, predecessor=None, successor=fact.holder, merge=None)
    previous = _T(fact_iri_of(before, doc_id))
    yield ox.Quad(subject, _T(NKG.replaces), previous, g)
    node = _T(f"{fact_iri}/succession/{_digest(f'{doc_id}|{previous.value}', 8)}")
    yield ox.Quad(subject, _T(NKG.successionValue), node, g)
    yield ox.Quad(node, _A, _T(NKG.Succession), g)
    yield ox.Quad(node, _T(NKG.predecessor), previous, g)
    words = " … ".join(" ".join(e.exact.split()) for e in fact.evidence)
    yield ox.Quad(node, _T(NKG.asWritten), _nl(words), g)
    for ev in fact.evidence:
        yield ox.Quad(node, _T(NKG.evidence), _T(evidence_iri(ev)), g)


def _value_iri(fact_iri: str, role: str, value: TimeValue, doc_id: str) -> str:
    """A date node per document and value, so each claim stays with the document making it."""
    return f"{fact_iri}/{role}/{_digest(f'{doc_id}|{value.lexical}|{value.as_written}', 8)}"


def _evidence_quads(evidence: Evidence, g: ox.NamedNode) -> Iterator[ox.Quad]:
    node = _T(evidence_iri(evidence))
    yield ox.Quad(node, _A, _T(NKG.Evidence), g)
    yield ox.Quad(node, _T(OA.hasSource), _T(doc_iri(evidence.document)), g)
    yield ox.Quad(node, _T(OA.exact), ox.Literal(evidence.exact), g)
    yield ox.Quad(node, _T(OA.start), _typed(str(evidence.start), XSD.integer), g)
    yield ox.Quad(node, _T(OA.end), _typed(str(evidence.end), XSD.integer), g)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fact_label(fact: ReportedFact, registry: Registry) -> str:
    def name(key: str) -> str:
        return registry.get(key).label

    if isinstance(fact, OfficeHolding):
        return f"{name(fact.holder)} — {name(fact.office)}"
    if isinstance(fact, Statement):
        return _short(f"{', '.join(name(s) for s in fact.speakers)}: {words_of(fact.text)}")
    parties = f"{', '.join(name(d) for d in fact.donors)} → {name(fact.recipient)}"
    if fact.amount is not None:
        return f"{parties}: {fact.amount:,} {fact.currency or ''}".replace(",", ".").strip()
    items = ", ".join(f"{i.quantity} {words_of(i.label)}" if i.quantity else words_of(i.label) for i in fact.items)
    return _short(f"{parties}: {items}" if items else parties)


def _entity_ref(registry: Registry, key: str) -> ox.NamedNode:
    return _T(registry.get(key).iri)


def _fact_quads(fact: ReportedFact, doc: Document, registry: Registry, g: ox.NamedNode) -> Iterator[ox.Quad]:
    iri = fact_iri_of(fact, doc.id)
    s = _T(iri)

    def ref(key: str) -> ox.NamedNode:
        return _entity_ref(registry, key)

    if isinstance(fact, OfficeHolding):
        yield ox.Quad(s, _A, _T(NKG.OfficeHolding), g)
        yield ox.Quad(s, _T(NKG.holder), ref(fact.holder), g)
        yield ox.Quad(s, _T(NKG.office), ref(fact.office), g)
        for value, prop, value_prop, suffix in (
            (fact.start, NKG.start, NKG.startValue, "start"),
            (fact.end, NKG.end, NKG.endValue, "end"),
            (fact.attested, NKG.attested, NKG.attestedValue, "attested"),
        ):
            if value is not None:
                claim = _value_iri(iri, suffix, value, doc.id)
                yield from _time_quads(s, prop, value_prop, value, claim, g, fact.evidence)
        # A bound says on which side of a date the start or end lies; it has no literal of
        # its own (it is no start or end), only its value node with the date and the words.
        for bound in fact.bounds:
            link = CLAIM_LINKS[bound.relation.value]
            claim = _value_iri(iri, bound.relation.value, bound.when, doc.id)
            yield from _time_quads(s, None, link, bound.when, claim, g, fact.evidence)
        if fact.duration is not None:
            yield from _duration_quads(s, iri, fact.duration, doc.id, g, fact.evidence)
        if fact.predecessor is not None:
            yield from _succession_quads(s, iri, fact, registry, doc.id, g)
    elif isinstance(fact, Statement):
        yield ox.Quad(s, _A, _T(NKG.Statement), g)
        for speaker in fact.speakers:
            yield ox.Quad(s, _T(NKG.speaker), ref(speaker), g)
        yield ox.Quad(s, _T(NKG.text), _nl(words_of(fact.text)), g)
        yield ox.Quad(s, _T(NKG.kind), ox.Literal(fact.kind.value), g)
        for about in fact.about:
            yield ox.Quad(s, _T(NKG.about), ref(about), g)
        if fact.date is not None:
            claim = _value_iri(iri, "date", fact.date, doc.id)
            yield from _time_quads(s, NKG.date, NKG.dateValue, fact.date, claim, g, fact.evidence)
    else:
        yield ox.Quad(s, _A, _T(NKG.AidCommitment), g)
        for donor in fact.donors:
            yield ox.Quad(s, _T(NKG.donor), ref(donor), g)
        yield ox.Quad(s, _T(NKG.recipient), ref(fact.recipient), g)
        if fact.amount is not None:
            yield ox.Quad(s, _T(NKG.amount), _typed(_decimal(fact.amount), XSD.decimal), g)
        if fact.currency is not None:
            yield ox.Quad(s, _T(NKG.currency), ox.Literal(fact.currency), g)
        if fact.amount_as_written:
            yield ox.Quad(s, _T(NKG.amountAsWritten), _nl(fact.amount_as_written), g)
        if fact.status is not None:
            yield ox.Quad(s, _T(NKG.status), ox.Literal(fact.status.value), g)
        if fact.aid_type is not None:
            yield ox.Quad(s, _T(NKG.aidType), ox.Literal(fact.aid_type.value), g)
        if fact.date is not None:
            claim = _value_iri(iri, "date", fact.date, doc.id)
            yield from _time_quads(s, NKG.date, NKG.dateValue, fact.date, claim, g, fact.evidence)
        for item in fact.items:
            # Named by words and quantity: reports naming the same item share its node, and
            # reports giving another quantity of it keep theirs beside it.
            node = _T(f"{iri}/item/{_digest(f'{words_of(item.label)}|{item.quantity}', 8)}")
            yield ox.Quad(s, _T(NKG.item), node, g)
            yield ox.Quad(node, _A, _T(NKG.AidItem), g)
            yield ox.Quad(node, _T(RDFS.label), _nl(words_of(item.label)), g)
            if item.quantity is not None:
                yield ox.Quad(node, _T(NKG.quantity), _typed(str(item.quantity), XSD.integer), g)
    yield ox.Quad(s, _T(RDFS.label), _nl(_fact_label(fact, registry)), g)
    yield ox.Quad(s, _T(NKG.matchKey), ox.Literal(_forced(fact) or match_key(fact, doc.id)), g)
    yield ox.Quad(s, _T(PROV.wasDerivedFrom), _T(doc_iri(doc.id)), g)
    yield ox.Quad(s, _T(NKG.method), ox.Literal(fact.method.value), g)
    if fact.confidence is not None:
        yield ox.Quad(s, _T(NKG.confidence), _typed(f"{fact.confidence:.3f}", XSD.decimal), g)
    if fact.note:
        yield ox.Quad(s, _T(RDFS.comment), ox.Literal(fact.note), g)
    for evidence in fact.evidence:
        yield ox.Quad(s, _T(NKG.evidence), _T(evidence_iri(evidence)), g)
        yield from _evidence_quads(evidence, g)


def _forced(fact: ReportedFact) -> str | None:
    return f"merged by annotation into {fact.merge}" if fact.merge not in (None, SEPARATE) else None


def _decimal(value: Decimal) -> str:
    return format(value, "f")


def _document_quads(doc: Document, mentions: Iterable[str], registry: Registry, g: ox.NamedNode) -> Iterator[ox.Quad]:
    d = _T(doc_iri(doc.id))
    meta = doc.meta
    yield ox.Quad(d, _A, _T(NKG.Document), g)
    yield ox.Quad(d, _T(RDFS.label), ox.Literal(doc.label, language=meta.language), g)
    if meta.title:
        yield ox.Quad(d, _T(DCTERMS.title), ox.Literal(meta.title, language=meta.language), g)
    published = doc.published
    if published is not None:
        literal = time_literal(published)
        if literal is not None:
            yield ox.Quad(d, _T(DCTERMS.issued), literal, g)
    if meta.publisher:
        yield ox.Quad(d, _T(DCTERMS.publisher), ox.Literal(meta.publisher), g)
    if meta.author:
        yield ox.Quad(d, _T(DCTERMS.creator), ox.Literal(meta.author), g)
    if meta.url:
        yield ox.Quad(d, _T(SCHEMA.url), _T(meta.url), g)
    if meta.genre:
        yield ox.Quad(d, _T(NKG.genre), ox.Literal(meta.genre), g)
    yield ox.Quad(d, _T(DCTERMS.language), ox.Literal(meta.language), g)
    yield ox.Quad(d, _T(NKG.sha256), ox.Literal(doc.sha256), g)
    yield ox.Quad(d, _T(NKG.body), ox.Literal(doc.body), g)
    for key in sorted(set(mentions)):
        yield ox.Quad(d, _T(SCHEMA.mentions), _entity_ref(registry, key), g)


@dataclass(frozen=True)
class DocumentGraphs:
    """One document's contribution: its own named graph, and triples about shared facts.

    A fact reported by several documents is one set of triples in the facts graph: a
    union of graphs in Oxigraph counts a triple once per graph holding it, so no triple
    may live in two graphs. The document's graph keeps what only it says: its metadata
    and mentions, which facts it reports (prov:wasDerivedFrom, nkg:evidence and the
    evidence nodes) and its own date claims (value nodes named per document).
    """

    document: list[ox.Quad]
    facts: list[ox.Triple]


_DOCUMENT_LINKS = frozenset(
    term(p)
    for p in (
        PROV.wasDerivedFrom,
        NKG.evidence,
        NKG.startValue,
        NKG.endValue,
        NKG.attestedValue,
        NKG.dateValue,
        *CLAIM_LINKS.values(),
        NKG.durationValue,
        NKG.successionValue,
    )
)


def _lexical(term: Any) -> str:
    return str(term.value)


def _belongs_to_document(quad: ox.Quad, doc_nodes: set[ox.NamedNode]) -> bool:
    return quad.predicate in _DOCUMENT_LINKS or quad.subject in doc_nodes


def document_quads(facts: DocumentFacts, registry: Registry) -> DocumentGraphs:
    """All triples one document contributes, sorted, split by the graph they belong to.

    Two reports of one fact in the same document become one fact there, with both
    reports' evidence and values; its confidence is the higher of the two.
    """
    doc = facts.document
    g = _T(doc_graph_iri(doc.id))
    own = set(_document_quads(doc, facts.mentions, registry, g))
    shared: set[ox.Quad] = set()
    confidence: dict[Any, ox.Quad] = {}
    confidence_predicate = _T(NKG.confidence)
    for fact in facts.facts:
        quads = list(_fact_quads(fact, doc, registry, g))
        # Evidence nodes and this document's date nodes are the document's alone.
        doc_nodes = {q.object for q in quads if q.predicate in _DOCUMENT_LINKS and isinstance(q.object, ox.NamedNode)}
        for quad in quads:
            if quad.predicate == confidence_predicate:
                best = confidence.get(quad.subject)
                if best is None or Decimal(_lexical(quad.object)) > Decimal(_lexical(best.object)):
                    confidence[quad.subject] = quad
            elif _belongs_to_document(quad, doc_nodes):
                own.add(quad)
            else:
                shared.add(quad)
    shared.update(confidence.values())
    return DocumentGraphs(
        document=sorted(own, key=str),
        facts=sorted((ox.Triple(q.subject, q.predicate, q.object) for q in shared), key=str),
    )


def entity_quads(
    registry: Registry, keys: Iterable[str], seen_aliases: dict[str, set[str]] | None = None
) -> list[ox.Quad]:
    """The reference-entities graph for the given keys (and the posts their offices are in)."""
    g = _T(ENTITIES_GRAPH)
    seen_aliases = seen_aliases or {}
    wanted = set(keys)
    wanted |= {registry.get(k).post_in for k in wanted if registry.get(k).post_in}  # type: ignore[misc]
    quads: set[ox.Quad] = set()
    for key in sorted(wanted):
        entity = registry.get(key)
        s = _T(entity.iri)
        quads.add(ox.Quad(s, _A, _T(CLASS_OF[entity.kind]), g))
        quads.add(ox.Quad(s, _T(RDFS.label), _nl(entity.label), g))
        if entity.label_en:
            quads.add(ox.Quad(s, _T(RDFS.label), ox.Literal(entity.label_en, language="en"), g))
        for alias in {*entity.aliases, *seen_aliases.get(key, ())}:
            if alias != entity.label:
                quads.add(ox.Quad(s, _T(SKOS.altLabel), _nl(alias), g))
        if entity.post_in:
            quads.add(ox.Quad(s, _T(NKG.postIn), _entity_ref(registry, entity.post_in), g))
        if entity.seats is not None:
            quads.add(ox.Quad(s, _T(NKG.seats), _typed(str(entity.seats), XSD.integer), g))
        for link in entity.same_as:
            quads.add(ox.Quad(s, _T(OWL.sameAs), _T(link), g))
    return sorted(quads, key=str)
